package io.svclab.node.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStateRunning;
import io.svclab.api.v1.ContainerStateWaiting;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
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

  @ParameterizedTest
  @MethodSource("cases")
  void choosesTheFileOrSaysWhyNot(Optional<Pod> pod, String container, boolean previous, ContainerLogFiles.Choice want) {
    assertThat(ContainerLogFiles.choose(DATA, pod, "ns", "web", container, previous)).isEqualTo(want);
  }
}
