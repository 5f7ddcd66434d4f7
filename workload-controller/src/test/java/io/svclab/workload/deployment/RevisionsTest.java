package io.svclab.workload.deployment;

import static io.svclab.workload.Fixtures.deployment;
import static io.svclab.workload.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.workload.WellKnown;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionsTest {
  static ReplicaSet revision(ReplicaSet rs, int revision) {
    return rs.toBuilder().setMetadata(rs.getMetadata().toBuilder().putAnnotations(WellKnown.REVISION, "" + revision)).build();
  }

  static Deployment limit(int n) {
    Deployment d = deployment(2, "25%", "25%");
    return d.toBuilder().setSpec(d.getSpec().toBuilder().setRevisionHistoryLimit(n)).build();
  }

  static Stream<Arguments> cases() {
    ReplicaSet r1 = revision(rs("r1", 0, 0, 90), 1);
    ReplicaSet r2 = revision(rs("r2", 0, 0, 60), 2);
    ReplicaSet r3Busy = revision(rs("r3", 1, 1, 30), 3);
    return Stream.of(
        Arguments.of("within the limit nothing goes", limit(10), List.of(r1, r2), List.of()),
        Arguments.of("limit 1 deletes the lowest revision", limit(1), List.of(r2, r1), List.of("r1")),
        Arguments.of("limit 0 deletes every empty old set", limit(0), List.of(r1, r2), List.of("r1", "r2")),
        Arguments.of("a set that still has replicas is kept", limit(0), List.of(r3Busy, r1), List.of("r1")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void picksBeyondHistoryLimit(String name, Deployment d, List<ReplicaSet> old, List<String> expected) {
    assertThat(Revisions.beyondHistoryLimit(d, old)).extracting(rs -> rs.getMetadata().getName())
        .containsExactlyElementsOf(expected);
  }
}
