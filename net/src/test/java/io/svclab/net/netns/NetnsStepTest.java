package io.svclab.net.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetnsStepTest {
  static Stream<Arguments> steps() {
    return Stream.of(
        Arguments.of("namespace", new NetnsStep.AddNamespace("svclab-node-1"), "ip netns add svclab-node-1"),
        Arguments.of("namespace removed", new NetnsStep.DeleteNamespace("svclab-fabric"), "ip netns del svclab-fabric"),
        Arguments.of("bridge", new NetnsStep.AddBridge("svclab-fabric", "br0"), "ip -n svclab-fabric link add br0 type bridge"),
        Arguments.of("veth pair across namespaces", new NetnsStep.AddVethPair("svclab-node-1", "eth0", "svclab-fabric", "node-1"),
            "ip -n svclab-node-1 link add eth0 type veth peer name node-1 netns svclab-fabric"),
        Arguments.of("veth pair from the running namespace", new NetnsStep.AddVethPair(null, "veth0a1b2c3d", "svclab-pod-x", "eth0"),
            "ip link add veth0a1b2c3d type veth peer name eth0 netns svclab-pod-x"),
        Arguments.of("bridge port", new NetnsStep.SetMaster("svclab-fabric", "node-1", "br0"),
            "ip -n svclab-fabric link set node-1 master br0"),
        Arguments.of("hairpin", new NetnsStep.Hairpin(null, "veth0a1b2c3d"), "ip link set veth0a1b2c3d type bridge_slave hairpin on"),
        Arguments.of("link up", new NetnsStep.LinkUp("svclab-node-1", "lo"), "ip -n svclab-node-1 link set lo up"),
        Arguments.of("address", new NetnsStep.AddAddress("svclab-node-1", "cni0", "10.244.1.1/24"),
            "ip -n svclab-node-1 addr add 10.244.1.1/24 dev cni0"),
        Arguments.of("route via a gateway", new NetnsStep.RouteVia("svclab-node-1", "10.244.2.0/24", "172.18.0.3"),
            "ip -n svclab-node-1 route add 10.244.2.0/24 via 172.18.0.3"),
        Arguments.of("on-link route", new NetnsStep.RouteDev("svclab-node-1", "10.96.0.0/16", "eth0"),
            "ip -n svclab-node-1 route add 10.96.0.0/16 dev eth0"),
        Arguments.of("local route", new NetnsStep.RouteLocal("svclab-node-1", "10.96.0.0/16"),
            "ip -n svclab-node-1 route add local 10.96.0.0/16 dev lo"),
        Arguments.of("sysctl", new NetnsStep.Sysctl("svclab-node-1", "net.ipv4.ip_forward", "1"),
            "ip netns exec svclab-node-1 sysctl -qw net.ipv4.ip_forward=1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("steps")
  void rendersTheIproute2Command(String name, NetnsStep step, String command) {
    assertThat(String.join(" ", step.argv())).isEqualTo(command);
  }
}
