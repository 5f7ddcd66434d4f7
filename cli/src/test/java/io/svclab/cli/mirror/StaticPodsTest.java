package io.svclab.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

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
}
