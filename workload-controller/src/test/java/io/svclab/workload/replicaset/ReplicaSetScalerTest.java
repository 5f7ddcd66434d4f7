package io.svclab.workload.replicaset;

import static io.svclab.workload.Fixtures.on;
import static io.svclab.workload.Fixtures.pod;
import static io.svclab.workload.Fixtures.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Pod;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetScalerTest {
  static Pod readyOn(String name, String node) {
    return pod(name, p -> ready(on(p, node), 60));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("none exist: create all", 2, List.of(), 2, List.of()),
        Arguments.of("one short: create one", 3, List.of(readyOn("a", "node-1"), readyOn("b", "node-2")), 1, List.of()),
        Arguments.of("exact: nothing", 2, List.of(readyOn("a", "node-1"), readyOn("b", "node-2")), 0, List.of()),
        Arguments.of("3 to 1: the doubled-up pods go", 1,
            List.of(readyOn("a", "node-1"), readyOn("b", "node-2"), readyOn("c", "node-2")), 0, List.of("b", "c")),
        Arguments.of("surplus unscheduled pod goes first", 2,
            List.of(readyOn("a", "node-1"), readyOn("b", "node-2"), pod("pending", p -> p)), 0, List.of("pending")),
        Arguments.of("creates are capped at the burst", 1000, List.of(), ReplicaSetScaler.BURST, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plans(String name, int desired, List<Pod> active, int creates, List<String> deletes) {
    ReplicaSetScaler.Plan plan = ReplicaSetScaler.plan(desired, active);
    assertThat(plan.create()).isEqualTo(creates);
    assertThat(plan.delete()).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(deletes);
  }
}
