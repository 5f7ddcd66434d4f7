package io.svclab.cli.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.net.netns.NetnsStep;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabNetworkPlanTest {
  private static List<String> commands(List<NetnsStep> steps) {
    return steps.stream().map(s -> String.join(" ", s.argv())).toList();
  }

  @Test
  void oneNodeLab() {
    assertThat(commands(LabNetworkPlan.up(new LabNetwork("svclab", 1)))).containsExactly(
        "ip netns add svclab-fabric",
        "ip -n svclab-fabric link set lo up",
        "ip -n svclab-fabric link add br0 type bridge",
        "ip -n svclab-fabric link set br0 up",
        "ip -n svclab-fabric addr add 172.18.0.1/24 dev br0",
        "ip -n svclab-fabric route add local 172.18.0.224/27 dev lo",
        "ip netns add svclab-node-1",
        "ip -n svclab-node-1 link set lo up",
        "ip -n svclab-node-1 link add eth0 type veth peer name node-1 netns svclab-fabric",
        "ip -n svclab-fabric link set node-1 master br0",
        "ip -n svclab-fabric link set node-1 up",
        "ip -n svclab-node-1 addr add 172.18.0.2/24 dev eth0",
        "ip -n svclab-node-1 link set eth0 up",
        "ip -n svclab-node-1 link add cni0 type bridge",
        "ip -n svclab-node-1 addr add 10.244.1.1/24 dev cni0",
        "ip -n svclab-node-1 link set cni0 up",
        "ip netns exec svclab-node-1 sysctl -qw net.ipv4.ip_forward=1",
        "ip -n svclab-node-1 route add 10.96.0.0/16 dev eth0",
        "ip -n svclab-fabric route add 10.244.1.0/24 via 172.18.0.2");
  }

  static Stream<Arguments> routes() {
    return Stream.of(
        Arguments.of("two nodes: each routes the other's pods via its fabric address", 2, List.of(
            "ip -n svclab-node-1 route add 10.244.2.0/24 via 172.18.0.3",
            "ip -n svclab-node-2 route add 10.244.1.0/24 via 172.18.0.2")),
        Arguments.of("three nodes: every pair", 3, List.of(
            "ip -n svclab-node-1 route add 10.244.2.0/24 via 172.18.0.3",
            "ip -n svclab-node-1 route add 10.244.3.0/24 via 172.18.0.4",
            "ip -n svclab-node-2 route add 10.244.1.0/24 via 172.18.0.2",
            "ip -n svclab-node-2 route add 10.244.3.0/24 via 172.18.0.4",
            "ip -n svclab-node-3 route add 10.244.1.0/24 via 172.18.0.2",
            "ip -n svclab-node-3 route add 10.244.2.0/24 via 172.18.0.3")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void podRoutesBetweenNodes(String name, int nodes, List<String> expected) {
    assertThat(commands(LabNetworkPlan.up(new LabNetwork("svclab", nodes))).stream()
        .filter(c -> c.contains("route add 10.244.") && !c.contains("-n svclab-fabric")).toList()).isEqualTo(expected);
  }

  @Test
  void nothingIsDoneOutsideTheLabsNamespaces() {
    LabNetwork net = new LabNetwork("svclab", 3);
    for (NetnsStep step : LabNetworkPlan.up(net)) {
      List<String> argv = step.argv();
      String where = argv.get(1).equals("-n") ? argv.get(2) : argv.get(1).equals("netns") ? argv.get(3) : null;
      assertThat(where).as(String.join(" ", argv)).isNotNull().satisfies(ns -> assertThat(net.owns(ns)).isTrue());
    }
  }

  static Stream<Arguments> cleanups() {
    return Stream.of(
        Arguments.of("nothing of the lab's", List.of("h-netns", "me", "svclabt-netns-1"), List.of()),
        Arguments.of("pods, then nodes, then the fabric; others untouched",
            List.of("svclab-fabric", "h-netns", "svclab-node-2", "svclab-pod-1-10-244-1-2", "svclab-node-1",
                "svclab-pod-2-10-244-2-3"),
            List.of("ip netns del svclab-pod-1-10-244-1-2", "ip netns del svclab-pod-2-10-244-2-3",
                "ip netns del svclab-node-1", "ip netns del svclab-node-2", "ip netns del svclab-fabric")),
        Arguments.of("a dead lab with more nodes than the new one", List.of("svclab-node-5", "svclab-node-5"),
            List.of("ip netns del svclab-node-5")),
        Arguments.of("another prefix is another lab's", List.of("svclab2-node-1", "svclab-fabric2"), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanups")
  void cleanupRemovesOnlyTheLabsNamespaces(String name, List<String> existing, List<String> expected) {
    assertThat(commands(LabNetworkPlan.down(new LabNetwork("svclab", 2), existing))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "--proxy-mode {0}")
  @org.junit.jupiter.params.provider.CsvSource({
      "iptables, ''",
      "nftables, ''",
      "userspace, 'ip -n svclab-node-1 route add local 10.96.0.0/16 dev lo|ip -n svclab-node-1 route add local 172.18.0.224/27 dev lo'"})
  void onlyUserspaceMakesServiceAndLoadBalancerAddressesLocalToTheNode(String mode, String expected) {
    assertThat(commands(LabNetworkPlan.up(new LabNetwork("svclab", 1), mode)).stream()
        .filter(c -> c.contains("route add local") && !c.contains("-n svclab-fabric")).toList())
        .isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split("\\|")));
  }

  @ParameterizedTest(name = "--proxy-mode {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"iptables", "nftables", "userspace"})
  void theFabricOwnsTheLoadBalancerPoolInEveryMode(String mode) {
    // cloud-lb's listeners there take the fabric side's traffic to an LB IP
    assertThat(commands(LabNetworkPlan.up(new LabNetwork("svclab", 2), mode)).stream()
        .filter(c -> c.startsWith("ip -n svclab-fabric route add local")).toList())
        .containsExactly("ip -n svclab-fabric route add local 172.18.0.224/27 dev lo");
  }

  @ParameterizedTest(name = "--proxy-mode {0}")
  @org.junit.jupiter.params.provider.CsvSource({
      "iptables, ''",
      "nftables, ''",
      "userspace, 'ip netns exec svclab-node-1 sysctl -qw net.ipv4.conf.eth0.arp_ignore=1|ip netns exec svclab-node-2 sysctl -qw net.ipv4.conf.eth0.arp_ignore=1'"})
  void nodesWithTheLocalPoolLeaveItsArpToTheFabric(String mode, String expected) {
    assertThat(commands(LabNetworkPlan.up(new LabNetwork("svclab", 2), mode)).stream()
        .filter(c -> c.contains("arp_ignore")).toList())
        .isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split("\\|")));
  }

  @Test
  void nodeCountIsBounded() {
    assertThatThrownBy(() -> new LabNetwork("svclab", 0)).hasMessage("a --netns lab has 1 to 198 nodes, not 0");
  }
}
