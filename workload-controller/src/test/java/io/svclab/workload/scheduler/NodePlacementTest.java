package io.svclab.workload.scheduler;

import static io.svclab.workload.Fixtures.node;
import static io.svclab.workload.Fixtures.on;
import static io.svclab.workload.Fixtures.ownedBy;
import static io.svclab.workload.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Taint;
import io.svclab.api.v1.Toleration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodePlacementTest {
  static final Node READY_1 = node("node-1", "True", n -> n);
  static final Node READY_2 = node("node-2", "True", n -> n);
  static final Pod WEB = pod("web-new", p -> ownedBy(p, "rs-web"));

  static Pod webOn(String name, String node) {
    return pod(name, p -> ownedBy(on(p, node), "rs-web"));
  }

  static Pod otherOn(String name, String node) {
    return pod(name, p -> ownedBy(on(p, node), "rs-other"));
  }

  static Stream<Arguments> cases() {
    Node tainted = node("node-3", "True", n -> { n.getSpecBuilder().addTaints(Taint.newBuilder().setKey("dedicated").setValue("gpu").setEffect("NoSchedule")); return n; });
    return Stream.of(
        Arguments.of("empty cluster: the first node by name", WEB, List.of(READY_2, READY_1), List.of(),
            new Placement.Bind("node-1")),
        Arguments.of("spreads replicas of the same owner", WEB, List.of(READY_1, READY_2), List.of(webOn("a", "node-1")),
            new Placement.Bind("node-2")),
        Arguments.of("owner spread wins over total pod count", WEB, List.of(READY_1, READY_2),
            List.of(webOn("a", "node-2"), otherOn("x", "node-1"), otherOn("y", "node-1")), new Placement.Bind("node-1")),
        Arguments.of("then fewest pods overall", WEB, List.of(READY_1, READY_2), List.of(otherOn("x", "node-1")),
            new Placement.Bind("node-2")),
        Arguments.of("skips a not ready node", WEB, List.of(node("node-1", "False", n -> n), READY_2),
            List.of(webOn("a", "node-2")), new Placement.Bind("node-2")),
        Arguments.of("no node ready: Kubernetes' message", WEB,
            List.of(node("node-1", "Unknown", n -> n), node("node-2", null, n -> n)), List.of(),
            new Placement.Unschedulable("0/2 nodes are available: 2 node(s) were not ready.")),
        Arguments.of("reasons counted and sorted", WEB,
            List.of(node("node-1", "False", n -> n), node("node-2", "True", n -> { n.getSpecBuilder().setUnschedulable(true); return n; }), tainted),
            List.of(), new Placement.Unschedulable("0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, "
                + "1 node(s) were not ready, 1 node(s) were unschedulable.")),
        Arguments.of("a toleration lets the pod onto the tainted node",
            pod("gpu", p -> { p.getSpecBuilder().addTolerations(Toleration.newBuilder().setKey("dedicated").setOperator("Equal").setValue("gpu").setEffect("NoSchedule")); return p; }),
            List.of(tainted), List.of(), new Placement.Bind("node-3")),
        Arguments.of("nodeSelector mismatch", pod("picky", p -> { p.getSpecBuilder().putNodeSelector("disk", "ssd"); return p; }),
            List.of(READY_1), List.of(), new Placement.Unschedulable("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.")),
        Arguments.of("no nodes at all", WEB, List.of(), List.of(), new Placement.Unschedulable("no nodes available to schedule pods")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void places(String name, Pod pod, List<Node> nodes, List<Pod> placed, Placement expected) {
    assertThat(NodePlacement.place(pod, nodes, placed)).isEqualTo(expected);
  }
}
