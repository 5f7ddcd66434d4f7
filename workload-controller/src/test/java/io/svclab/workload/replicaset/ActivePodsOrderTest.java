package io.svclab.workload.replicaset;

import static io.svclab.workload.Fixtures.notReady;
import static io.svclab.workload.Fixtures.on;
import static io.svclab.workload.Fixtures.pod;
import static io.svclab.workload.Fixtures.ready;
import static io.svclab.workload.Fixtures.secondsAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.Pod;
import io.svclab.workload.WellKnown;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActivePodsOrderTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("unscheduled before scheduled",
            pod("scheduled", p -> ready(on(p, "node-1"), 50)), pod("unscheduled", p -> p)),
        Arguments.of("Pending before Running",
            pod("running", p -> on(p, "node-1")), pod("pending", p -> { on(p, "node-1").getStatusBuilder().setPhase("Pending"); return p; })),
        Arguments.of("not ready before ready",
            pod("ready", p -> ready(on(p, "node-1"), 50)), pod("not-ready", p -> notReady(on(p, "node-1")))),
        Arguments.of("lower deletion cost first",
            pod("costly", p -> { ready(on(p, "node-1"), 50).getMetadataBuilder().putAnnotations(WellKnown.POD_DELETION_COST, "100"); return p; }),
            pod("cheap", p -> ready(on(p, "node-2"), 50))),
        Arguments.of("ready more recently first",
            pod("long-ready", p -> ready(on(p, "node-1"), 500)), pod("just-ready", p -> ready(on(p, "node-2"), 5))),
        Arguments.of("more restarts first",
            pod("stable", p -> ready(on(p, "node-1"), 50)),
            pod("crashy", p -> { ready(on(p, "node-2"), 50).getStatusBuilder().addContainerStatuses(ContainerStatus.newBuilder().setRestartCount(3)); return p; })),
        Arguments.of("newer before older",
            pod("old", p -> { ready(on(p, "node-1"), 50).getMetadataBuilder().setCreationTimestamp(secondsAgo(900)); return p; }),
            pod("new", p -> { ready(on(p, "node-2"), 50).getMetadataBuilder().setCreationTimestamp(secondsAgo(60)); return p; })));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deletesTheCheaperPodFirst(String name, Pod keep, Pod deleteFirst) {
    assertThat(ActivePodsOrder.deletionOrder(List.of(keep, deleteFirst)).get(0)).isEqualTo(deleteFirst);
  }

  @org.junit.jupiter.api.Test
  void doubledUpPodsGoBeforeAloneOnes() {
    Pod alone = pod("alone", p -> ready(on(p, "node-1"), 50));
    Pod twinA = pod("twin-a", p -> ready(on(p, "node-2"), 50));
    Pod twinB = pod("twin-b", p -> ready(on(p, "node-2"), 50));
    assertThat(ActivePodsOrder.deletionOrder(List.of(alone, twinA, twinB)).get(2)).isEqualTo(alone);
  }
}
