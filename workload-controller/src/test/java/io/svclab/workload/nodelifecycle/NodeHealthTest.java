package io.svclab.workload.nodelifecycle;

import static io.svclab.workload.Fixtures.NOW;
import static io.svclab.workload.Fixtures.node;
import static io.svclab.workload.Fixtures.secondsAgo;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Lease;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.NodeStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeHealthTest {
  static final Duration GRACE = Duration.ofSeconds(40);

  static Optional<Lease> renewed(long secondsAgo) {
    Lease.Builder l = Lease.newBuilder();
    l.getMetadataBuilder().setName("node-1").setNamespace("kube-node-lease");
    l.getSpecBuilder().setRenewTime(secondsAgo(secondsAgo));
    return Optional.of(l.build());
  }

  static Stream<Arguments> cases() {
    Node node = node("node-1", "True", n -> n); // heartbeat an hour ago
    return Stream.of(
        Arguments.of("lease renewed 10 s ago: healthy", node, renewed(10), false),
        Arguments.of("lease renewed 39 s ago: still healthy", node, renewed(39), false),
        Arguments.of("lease renewed 41 s ago: expired", node, renewed(41), true),
        Arguments.of("no lease, old heartbeat: expired", node, Optional.empty(), true),
        Arguments.of("no lease, fresh heartbeat: healthy",
            node("node-1", null, n -> { n.getStatusBuilder().addConditions(NodeCondition.newBuilder().setType("Ready")
                .setStatus("True").setLastHeartbeatTime(secondsAgo(5))); return n; }), Optional.empty(), false),
        Arguments.of("brand new node never heard from: within grace",
            node("node-1", null, n -> { n.getMetadataBuilder().setCreationTimestamp(secondsAgo(3)); return n; }),
            Optional.empty(), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void expiry(String name, Node node, Optional<Lease> lease, boolean expired) {
    assertThat(!NodeHealth.expiry(node, lease, GRACE).isAfter(NOW)).isEqualTo(expired);
  }

  @Test
  void readyTurnsUnknownWithKubernetesWording() {
    NodeStatus s = NodeHealth.unknown(node("node-1", "True", n -> n), NOW).orElseThrow();
    NodeCondition ready = s.getConditionsList().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("Unknown");
    assertThat(ready.getReason()).isEqualTo("NodeStatusUnknown");
    assertThat(ready.getMessage()).isEqualTo("Kubelet stopped posting node status.");
    assertThat(ready.getLastTransitionTime().getSeconds()).isEqualTo(NOW.getEpochSecond());
    assertThat(ready.getLastHeartbeatTime()).isEqualTo(secondsAgo(3600));
    assertThat(s.getConditionsList()).extracting(NodeCondition::getType)
        .containsExactly("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
    assertThat(s.getConditions(1).getMessage()).isEqualTo("Kubelet never posted node status.");
  }

  @Test
  void alreadyUnknownNeedsNoWrite() {
    Node node = node("node-1", "True", n -> n);
    Node unknown = node.toBuilder().setStatus(NodeHealth.unknown(node, NOW).orElseThrow()).build();
    assertThat(NodeHealth.unknown(unknown, NOW.plusSeconds(5))).isEmpty();
  }
}
