package io.svclab.node.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.net.netns.NetnsStep;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodNetworkPlanTest {
  private static List<String> commands(List<NetnsStep> steps) {
    return steps.stream().map(s -> String.join(" ", s.argv())).toList();
  }

  @Test
  void podIsWiredAsTheCniBridgePluginWiresIt() {
    String ns = PodNetworkPlan.namespace("svclab-pod-1", "10.244.1.5");
    String veth = PodNetworkPlan.hostVeth(ns);
    assertThat(commands(PodNetworkPlan.attach(ns, "cni0", "10.244.1.5", 24, "10.244.1.1"))).containsExactly(
        "ip netns add svclab-pod-1-10-244-1-5",
        "ip -n svclab-pod-1-10-244-1-5 link set lo up",
        "ip link add " + veth + " type veth peer name eth0 netns svclab-pod-1-10-244-1-5",
        "ip link set " + veth + " master cni0",
        "ip link set " + veth + " type bridge_slave hairpin on",
        "ip link set " + veth + " up",
        "ip -n svclab-pod-1-10-244-1-5 addr add 10.244.1.5/24 dev eth0",
        "ip -n svclab-pod-1-10-244-1-5 link set eth0 up",
        "ip -n svclab-pod-1-10-244-1-5 route add default via 10.244.1.1");
    assertThat(commands(PodNetworkPlan.detach(ns))).containsExactly("ip netns del svclab-pod-1-10-244-1-5");
  }

  static Stream<Arguments> names() {
    return Stream.of(
        Arguments.of("node 1's pod", "svclab-pod-1", "10.244.1.5", "svclab-pod-1-10-244-1-5"),
        Arguments.of("the same IP on another node's prefix", "svclab-pod-2", "10.244.1.5", "svclab-pod-2-10-244-1-5"),
        Arguments.of("another lab's prefix", "x-pod-1", "10.244.1.254", "x-pod-1-10-244-1-254"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void namespaceNames(String name, String prefix, String ip, String expected) {
    assertThat(PodNetworkPlan.namespace(prefix, ip)).isEqualTo(expected);
  }

  @Test
  void hostVethNamesFitTheKernelsFifteenCharactersAndDiffer() {
    String a = PodNetworkPlan.hostVeth("svclab-pod-1-10-244-1-5");
    String b = PodNetworkPlan.hostVeth("svclab-pod-1-10-244-1-6");
    assertThat(a).matches("veth[0-9a-f]{8}").isNotEqualTo(b);
    assertThat(a.length()).isLessThanOrEqualTo(15);
  }
}
