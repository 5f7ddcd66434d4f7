package io.svclab.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.cli.netns.LabNetwork;
import io.svclab.cli.topology.Component;
import io.svclab.cli.topology.LabTopology;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StaticPodsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("apiserver", "kube-apiserver-control-plane", "component=kube-apiserver,tier=control-plane", ""),
        Arguments.of("endpoints-controller", "kube-controller-manager-endpoints-control-plane",
            "component=kube-controller-manager,tier=control-plane", ""),
        Arguments.of("workload-controller", "kube-controller-manager-workload-control-plane",
            "component=kube-controller-manager,tier=control-plane", ""),
        Arguments.of("cloud-lb", "cloud-controller-manager-control-plane",
            "component=cloud-controller-manager,tier=control-plane", ""),
        Arguments.of("dns-server", "coredns-control-plane", "k8s-app=kube-dns", ""),
        Arguments.of("node-proxy-1", "kube-proxy-node-1", "k8s-app=kube-proxy", "node-1"),
        Arguments.of("node-proxy-3", "kube-proxy-node-3", "k8s-app=kube-proxy", "node-3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void namesAndLabels(String component, String podName, String labels, String node) {
    StaticPod pod = StaticPods.of(3).stream().filter(p -> p.component().equals(component)).findFirst().orElseThrow();
    assertThat(pod.podName()).isEqualTo(podName);
    assertThat(String.join(",", pod.labels().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()))
        .isEqualTo(labels);
    assertThat(pod.nodeName()).isEqualTo(node);
  }

  @org.junit.jupiter.api.Test
  void everyStaticPodIsALabProcessAndNodeAgentsAreNone() {
    var components = LabTopology.components(Path.of("/tmp/x"), 3).stream().map(c -> c.name()).toList();
    assertThat(StaticPods.of(3)).extracting(StaticPod::component).allMatch(components::contains).hasSize(5 + 3)
        .noneMatch(c -> c.startsWith("node-agent"));
  }

  static Stream<Arguments> kernelLab() {
    return Stream.of(
        Arguments.of("dns-server", "node-1", "172.18.0.2"),
        Arguments.of("node-proxy-1", "node-1", "172.18.0.2"),
        Arguments.of("node-proxy-2", "node-2", "172.18.0.3"),
        Arguments.of("apiserver", "", "127.0.0.1"));
  }

  /** ./lab up --netns: where each process really listens, which kube-dns's endpoints follow. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("kernelLab")
  void inTheKernelLabTheNodesAddressesAndDnsOnNodeOne(String component, String node, String hostIp) {
    LabNetwork net = new LabNetwork(LabNetwork.DEFAULT_PREFIX, 2);
    StaticPod pod = StaticPods.of(2, net).stream().filter(p -> p.component().equals(component)).findFirst().orElseThrow();
    assertThat(pod.nodeName()).isEqualTo(node);
    assertThat(pod.hostIp()).isEqualTo(hostIp);
    Component process = LabTopology.kernelComponents(Path.of("/tmp/x"), net, "iptables").stream()
        .filter(c -> c.name().equals(component)).findFirst().orElseThrow();
    if (!node.isEmpty()) {
      assertThat(process.netns()).isEqualTo("svclab-" + node);
      assertThat(process.healthUrl()).startsWith("http://" + hostIp + ":");
    }
  }

  @org.junit.jupiter.api.Test
  void theKernelLabsDnsServerListensAndRegistersOnNodeOnesAddressOverTheSocket() {
    Component dns = LabTopology.kernelComponents(Path.of("/tmp/x"), new LabNetwork(LabNetwork.DEFAULT_PREFIX, 2),
        "iptables").stream().filter(c -> c.name().equals("dns-server")).findFirst().orElseThrow();
    assertThat(String.join(" ", dns.args())).contains("--api unix:/tmp/x/apiserver.sock",
        "--listen 172.18.0.2:1053", "--bind-address 172.18.0.2", "--register-endpoint 172.18.0.2");
    Component agent = LabTopology.kernelComponents(Path.of("/tmp/x"), new LabNetwork(LabNetwork.DEFAULT_PREFIX, 2),
        "iptables").stream().filter(c -> c.name().equals("node-agent-2")).findFirst().orElseThrow();
    assertThat(String.join(" ", agent.args())).contains("--kubelet-socket /tmp/x/kubelet-node-2.sock");
  }
}
