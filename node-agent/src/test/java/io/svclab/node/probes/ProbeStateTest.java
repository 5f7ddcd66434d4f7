package io.svclab.node.probes;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.node.probes.ProbeState.Change;
import io.svclab.node.probes.ProbeState.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProbeStateTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("readiness becomes ready after one success", Kind.READINESS, 1, 3, "+",
            List.of(Change.BECAME_SUCCESS), true),
        Arguments.of("readiness needs successThreshold in a row", Kind.READINESS, 2, 3, "+-++",
            List.of(Change.NONE, Change.NONE, Change.NONE, Change.BECAME_SUCCESS), true),
        Arguments.of("readiness that never succeeds stays unready quietly", Kind.READINESS, 1, 3, "----",
            List.of(Change.NONE, Change.NONE, Change.NONE, Change.NONE), false),
        Arguments.of("ready pod turns unready after failureThreshold", Kind.READINESS, 1, 3, "+---",
            List.of(Change.BECAME_SUCCESS, Change.NONE, Change.NONE, Change.BECAME_FAILURE), false),
        Arguments.of("liveness tolerates failures below the threshold", Kind.LIVENESS, 1, 3, "--+--",
            List.of(Change.NONE, Change.NONE, Change.NONE, Change.NONE, Change.NONE), true),
        Arguments.of("liveness fails after failureThreshold in a row", Kind.LIVENESS, 1, 3, "---",
            List.of(Change.NONE, Change.NONE, Change.BECAME_FAILURE), false),
        Arguments.of("startup succeeds once", Kind.STARTUP, 1, 30, "-+",
            List.of(Change.NONE, Change.BECAME_SUCCESS), true),
        Arguments.of("startup gives up after failureThreshold", Kind.STARTUP, 1, 2, "--",
            List.of(Change.NONE, Change.BECAME_FAILURE), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void thresholds(String name, Kind kind, int success, int failure, String results, List<Change> expected, boolean end) {
    ProbeState s = ProbeState.initial(kind, new ProbeState.Timing(0, 10, 1, success, failure));
    List<Change> changes = new ArrayList<>();
    for (char c : results.toCharArray()) {
      ProbeState.Observed o = s.observe(c == '+');
      changes.add(o.change());
      s = o.state();
    }
    assertThat(changes).isEqualTo(expected);
    assertThat(s.success()).isEqualTo(end);
  }
}
