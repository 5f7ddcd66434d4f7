package io.svclab.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.client.kube.MirrorPods;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MirrorPodTest {
  static final Instant STARTED = Instant.parse("2026-12-02T18:00:00Z");
  static final StaticPod PROXY = StaticPods.of(2).stream().filter(p -> p.component().equals("node-proxy-2")).findFirst()
      .orElseThrow();
  static final StaticPod DNS = StaticPods.of(2).stream().filter(p -> p.component().equals("dns-server")).findFirst()
      .orElseThrow();
  static final Pod RUNNING_PROXY = MirrorPod.of(PROXY, STARTED, 0, 4242, true, Optional.of("node-2-uid"));
  static final Pod RESTARTING_DNS = MirrorPod.of(DNS, STARTED, 3, 4343, false, Optional.empty());

  static Stream<Arguments> fields() {
    return Stream.of(
        Arguments.of("name", RUNNING_PROXY, (Function<Pod, Object>) p -> p.getMetadata().getName(), "kube-proxy-node-2"),
        Arguments.of("namespace", RUNNING_PROXY, (Function<Pod, Object>) p -> p.getMetadata().getNamespace(), "kube-system"),
        Arguments.of("labels as Kubernetes labels kube-proxy", RUNNING_PROXY,
            (Function<Pod, Object>) p -> p.getMetadata().getLabelsMap(), Map.of("k8s-app", "kube-proxy")),
        Arguments.of("marked a mirror", RUNNING_PROXY, (Function<Pod, Object>) MirrorPods::isMirror, true),
        Arguments.of("config.source file", RUNNING_PROXY,
            (Function<Pod, Object>) p -> p.getMetadata().getAnnotationsMap().get(MirrorPods.ANNOTATION_SOURCE), "file"),
        Arguments.of("mirror annotation is the hash", RUNNING_PROXY,
            (Function<Pod, Object>) p -> p.getMetadata().getAnnotationsMap().get(MirrorPods.ANNOTATION_MIRROR),
            MirrorPod.hash(PROXY)),
        Arguments.of("names the lab component", RUNNING_PROXY,
            (Function<Pod, Object>) p -> p.getMetadata().getAnnotationsMap().get(MirrorPods.ANNOTATION_COMPONENT), "node-proxy-2"),
        Arguments.of("owned by its Node", RUNNING_PROXY,
            (Function<Pod, Object>) p -> p.getMetadata().getOwnerReferences(0).getKind() + "/"
                + p.getMetadata().getOwnerReferences(0).getName() + "/" + p.getMetadata().getOwnerReferences(0).getUid()
                + "/" + p.getMetadata().getOwnerReferences(0).getController(), "Node/node-2/node-2-uid/true"),
        Arguments.of("bound to its node", RUNNING_PROXY, (Function<Pod, Object>) p -> p.getSpec().getNodeName(), "node-2"),
        Arguments.of("host network", RUNNING_PROXY, (Function<Pod, Object>) p -> p.getSpec().getHostNetwork(), true),
        Arguments.of("image", RUNNING_PROXY, (Function<Pod, Object>) p -> p.getSpec().getContainers(0).getImage(),
            "registry.k8s.io/kube-proxy:v1.32.0-svclab"),
        Arguments.of("pod IP is the node's", RUNNING_PROXY, (Function<Pod, Object>) p -> p.getStatus().getPodIp(), "127.0.10.2"),
        Arguments.of("host IP is the node's", RUNNING_PROXY, (Function<Pod, Object>) p -> p.getStatus().getHostIp(), "127.0.10.2"),
        Arguments.of("Running", RUNNING_PROXY, (Function<Pod, Object>) p -> p.getStatus().getPhase(), "Running"),
        Arguments.of("started when the process did", RUNNING_PROXY,
            (Function<Pod, Object>) p -> p.getStatus().getStartTime().getSeconds(), STARTED.getEpochSecond()),
        Arguments.of("every condition True", RUNNING_PROXY, (Function<Pod, Object>) MirrorPodTest::conditions,
            "PodReadyToStartContainers=True Initialized=True Ready=True ContainersReady=True PodScheduled=True"),
        Arguments.of("container ready", RUNNING_PROXY,
            (Function<Pod, Object>) p -> p.getStatus().getContainerStatuses(0).getReady(), true),
        Arguments.of("container id names the pid", RUNNING_PROXY,
            (Function<Pod, Object>) p -> p.getStatus().getContainerStatuses(0).getContainerId(), "svclab://4242"),
        Arguments.of("control plane: no node, no owner", RESTARTING_DNS,
            (Function<Pod, Object>) p -> p.getSpec().getNodeName() + "|" + p.getMetadata().getOwnerReferencesCount(), "|0"),
        Arguments.of("the DNS server is kube-dns", RESTARTING_DNS,
            (Function<Pod, Object>) p -> p.getMetadata().getLabelsMap(), Map.of("k8s-app", "kube-dns")),
        Arguments.of("the DNS server's ports carry kube-dns' target names", RESTARTING_DNS,
            (Function<Pod, Object>) p -> p.getSpec().getContainers(0).getPortsList().stream()
                .map(port -> port.getName() + ":" + port.getContainerPort() + "/" + port.getProtocol()).toList(),
            List.of("dns:1053/UDP", "dns-tcp:1053/TCP", "metrics:6083/TCP")),
        Arguments.of("a process awaiting restart: not ready", RESTARTING_DNS, (Function<Pod, Object>) MirrorPodTest::conditions,
            "PodReadyToStartContainers=True Initialized=True Ready=False ContainersReady=False PodScheduled=True"),
        Arguments.of("a process awaiting restart: CrashLoopBackOff", RESTARTING_DNS,
            (Function<Pod, Object>) p -> p.getStatus().getContainerStatuses(0).getState().getWaiting().getReason(),
            "CrashLoopBackOff"),
        Arguments.of("restart count", RESTARTING_DNS,
            (Function<Pod, Object>) p -> p.getStatus().getContainerStatuses(0).getRestartCount(), 3));
  }

  static String conditions(Pod p) {
    return String.join(" ", p.getStatus().getConditionsList().stream().map(c -> c.getType() + "=" + c.getStatus()).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fields")
  void field(String name, Pod pod, Function<Pod, Object> field, Object expected) {
    assertThat(field.apply(pod)).isEqualTo(expected);
  }

  @Test
  void theHashFollowsTheManifest() {
    StaticPod otherImage = new StaticPod(PROXY.component(), PROXY.podName(), PROXY.containerName(), "other:1",
        PROXY.labels(), PROXY.nodeName(), PROXY.hostIp(), PROXY.ports());
    assertThat(MirrorPod.hash(PROXY)).isEqualTo(MirrorPod.hash(StaticPods.of(2).get(StaticPods.of(2).indexOf(PROXY))))
        .isNotEqualTo(MirrorPod.hash(otherImage));
  }
}
