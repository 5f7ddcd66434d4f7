package io.svclab.node.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStateRunning;
import io.svclab.api.v1.ContainerStateWaiting;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodStatus;
import io.svclab.client.kube.MirrorPods;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerLogFilesTest {
  static final Path DATA = Path.of("/data");

  static Optional<Pod> pod(ContainerStatus... statuses) {
    return Optional.of(Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("ns").setUid("u1"))
        .setStatus(PodStatus.newBuilder().addAllContainerStatuses(java.util.List.of(statuses))).build());
  }

  static ContainerStatus running(int restarts) {
    return ContainerStatus.newBuilder().setName("nginx").setRestartCount(restarts).setContainerId("containerd://x")
        .setState(ContainerState.newBuilder().setRunning(ContainerStateRunning.getDefaultInstance())).build();
  }

  static Stream<Arguments> cases() {
    ContainerStatus waiting = ContainerStatus.newBuilder().setName("nginx").setState(ContainerState.newBuilder()
        .setWaiting(ContainerStateWaiting.newBuilder().setReason("ContainerCreating"))).build();
    return Stream.of(
        Arguments.of(Named.of("running: the current restart's file", pod(running(0))), "nginx", false,
            new ContainerLogFiles.File(Path.of("/data/pods/ns_web_u1/nginx/0.log"))),
        Arguments.of(Named.of("previous: the restart before", pod(running(2))), "nginx", true,
            new ContainerLogFiles.File(Path.of("/data/pods/ns_web_u1/nginx/1.log"))),
        Arguments.of(Named.of("no previous before a restart", pod(running(0))), "nginx", true,
            new ContainerLogFiles.Refused(400, "previous terminated container \"nginx\" in pod \"web\" not found")),
        Arguments.of(Named.of("not started yet", pod(waiting)), "nginx", false,
            new ContainerLogFiles.Refused(400, "container \"nginx\" in pod \"web\" is waiting to start: ContainerCreating")),
        Arguments.of(Named.of("no such container status", pod(running(0))), "sidecar", false,
            new ContainerLogFiles.Refused(400, "container \"sidecar\" in pod \"web\" is not available")),
        Arguments.of(Named.of("no such pod", Optional.empty()), "nginx", false,
            new ContainerLogFiles.Refused(404, "pods \"web\" not found")));
  }

  static final Path LAB_LOGS = Path.of("/lab/logs");

  static Optional<Pod> mirror(String component) {
    ObjectMeta.Builder meta = ObjectMeta.newBuilder().setName("kube-proxy-node-1").setNamespace("kube-system")
        .setUid("u2").putAnnotations(MirrorPods.ANNOTATION_MIRROR, "hash");
    if (component != null) {
      meta.putAnnotations(MirrorPods.ANNOTATION_COMPONENT, component);
    }
    return Optional.of(Pod.newBuilder().setMetadata(meta)
        .setSpec(PodSpec.newBuilder().addContainers(Container.newBuilder().setName("kube-proxy")))
        .setStatus(PodStatus.newBuilder().addContainerStatuses(running(0).toBuilder().setName("kube-proxy"))).build());
  }

  static Stream<Arguments> mirrorCases() {
    String notAvailable = "container \"kube-proxy\" in pod \"kube-proxy-node-1\" is not available";
    return Stream.of(
        Arguments.of(Named.of("a component's mirror pod: the lab's log of it", mirror("node-proxy-1")),
            Optional.of(LAB_LOGS), "kube-proxy", false, new ContainerLogFiles.ComponentLog(Path.of("/lab/logs/node-proxy-1.log"))),
        Arguments.of(Named.of("no previous: restarts append to the same log", mirror("node-proxy-1")),
            Optional.of(LAB_LOGS), "kube-proxy", true, new ContainerLogFiles.Refused(400,
                "previous terminated container \"kube-proxy\" in pod \"kube-proxy-node-1\" not found")),
        Arguments.of(Named.of("an agent not told where the lab logs", mirror("node-proxy-1")),
            Optional.empty(), "kube-proxy", false, new ContainerLogFiles.Refused(400, notAvailable)),
        Arguments.of(Named.of("a mirror pod of no component", mirror(null)),
            Optional.of(LAB_LOGS), "kube-proxy", false, new ContainerLogFiles.Refused(400, notAvailable)),
        Arguments.of(Named.of("a component name that is a path", mirror("../../etc/passwd")),
            Optional.of(LAB_LOGS), "kube-proxy", false, new ContainerLogFiles.Refused(400, notAvailable)),
        Arguments.of(Named.of("a container the mirror pod does not have", mirror("node-proxy-1")),
            Optional.of(LAB_LOGS), "sidecar", false, new ContainerLogFiles.Refused(400,
                "container \"sidecar\" in pod \"kube-proxy-node-1\" is not available")));
  }

  @ParameterizedTest
  @MethodSource("mirrorCases")
  void aMirrorPodReadsItsComponentsLog(Optional<Pod> pod, Optional<Path> labLogs, String container, boolean previous,
      ContainerLogFiles.Choice want) {
    assertThat(ContainerLogFiles.choose(DATA, labLogs, pod, "kube-system", "kube-proxy-node-1", container, previous))
        .isEqualTo(want);
  }

  @ParameterizedTest
  @MethodSource("cases")
  void choosesTheFileOrSaysWhyNot(Optional<Pod> pod, String container, boolean previous, ContainerLogFiles.Choice want) {
    assertThat(ContainerLogFiles.choose(DATA, pod, "ns", "web", container, previous)).isEqualTo(want);
  }
}
