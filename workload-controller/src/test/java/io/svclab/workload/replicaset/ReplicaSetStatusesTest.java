package io.svclab.workload.replicaset;

import static io.svclab.workload.Fixtures.NOW;
import static io.svclab.workload.Fixtures.notReady;
import static io.svclab.workload.Fixtures.pod;
import static io.svclab.workload.Fixtures.ready;
import static io.svclab.workload.Fixtures.rs;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.ReplicaSetStatus;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaSetStatusesTest {
  static ReplicaSet minReady(int seconds) {
    ReplicaSet r = rs("web", 3, 0, 10);
    return r.toBuilder().setSpec(r.getSpec().toBuilder().setMinReadySeconds(seconds)).build();
  }

  static Stream<Arguments> cases() {
    Pod readyLong = pod("a", p -> ready(p, 60));
    Pod readyJust = pod("b", p -> ready(p, 2));
    Pod unready = pod("c", p -> notReady(p));
    Pod unlabeled = pod("d", p -> { p.getMetadataBuilder().clearLabels(); return p; });
    return Stream.of(
        Arguments.of("counts ready pods as available without minReadySeconds", minReady(0),
            List.of(readyLong, readyJust, unready), new int[] {3, 3, 2, 2}),
        Arguments.of("minReadySeconds holds back the just-ready pod", minReady(10),
            List.of(readyLong, readyJust, unready), new int[] {3, 3, 2, 1}),
        Arguments.of("pods without the template labels are not fully labeled", minReady(0),
            List.of(readyLong, unlabeled), new int[] {2, 1, 1, 1}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void computes(String name, ReplicaSet rs, List<Pod> pods, int[] expected) {
    ReplicaSetStatus s = ReplicaSetStatuses.of(rs, pods, NOW);
    assertThat(new int[] {s.getReplicas(), s.getFullyLabeledReplicas(), s.getReadyReplicas(), s.getAvailableReplicas()})
        .as("replicas, fullyLabeled, ready, available").containsExactly(expected);
    assertThat(s.getObservedGeneration()).isEqualTo(1);
  }

  @Test
  void looksAgainWhenTheNextPodBecomesAvailable() {
    List<Pod> pods = List.of(pod("b", p -> ready(p, 2)));
    assertThat(ReplicaSetStatuses.nextAvailability(minReady(10), pods, NOW)).contains(NOW.plusSeconds(8));
    assertThat(ReplicaSetStatuses.nextAvailability(minReady(0), pods, NOW)).isEmpty();
  }
}
