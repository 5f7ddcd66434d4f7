package io.svclab.endpoints.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.endpoints.WellKnownKeys;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeChangeTest {
  static Node node(String zone, String phase) {
    ObjectMeta.Builder meta = ObjectMeta.newBuilder().setName("node-1");
    if (!zone.isEmpty()) meta.putLabels(WellKnownKeys.LABEL_TOPOLOGY_ZONE, zone);
    return Node.newBuilder().setMetadata(meta).setStatus(NodeStatus.newBuilder().setPhase(phase)).build();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "heartbeat or status change does not matter, a, a, Running, Ready, false",
      "zone change matters, a, b, Running, Running, true",
      "zone label added matters, '', a, Running, Running, true"})
  void matters(String name, String zoneBefore, String zoneAfter, String phaseBefore, String phaseAfter, boolean expected) {
    assertThat(NodeChange.matters(node(zoneBefore, phaseBefore), node(zoneAfter, phaseAfter))).isEqualTo(expected);
  }
}
