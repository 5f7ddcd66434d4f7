package io.svclab.node.pods;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStateRunning;
import io.svclab.api.v1.ContainerStateTerminated;
import io.svclab.api.v1.ContainerStateWaiting;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodStatus;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodStatusBuilderTest {
  static final ContainerState RUNNING = ContainerState.newBuilder().setRunning(ContainerStateRunning.getDefaultInstance()).build();
  static final ContainerState PULL_BACKOFF = ContainerState.newBuilder()
      .setWaiting(ContainerStateWaiting.newBuilder().setReason("ImagePullBackOff")).build();
  static final ContainerState CRASH_BACKOFF = ContainerState.newBuilder()
      .setWaiting(ContainerStateWaiting.newBuilder().setReason("CrashLoopBackOff")).build();
  static final ContainerState EXITED_0 = ContainerState.newBuilder()
      .setTerminated(ContainerStateTerminated.newBuilder().setExitCode(0)).build();
  static final ContainerState EXITED_1 = ContainerState.newBuilder()
      .setTerminated(ContainerStateTerminated.newBuilder().setExitCode(1)).build();

  static Pod pod(String restartPolicy, String... containers) {
    PodSpec.Builder spec = PodSpec.newBuilder().setRestartPolicy(restartPolicy);
    for (String c : containers) spec.addContainers(Container.newBuilder().setName(c).setImage("nginx"));
    return Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("p").setNamespace("default")).setSpec(spec).build();
  }

  static ContainerStatus cs(String name, ContainerState state, boolean ready, ContainerState last) {
    return ContainerStatus.newBuilder().setName(name).setState(state).setReady(ready).setLastState(last).build();
  }

  static final ContainerState NONE = ContainerState.getDefaultInstance();

  static Stream<Arguments> phases() {
    return Stream.of(
        Arguments.of("all running", "Always", List.of(cs("a", RUNNING, true, NONE)), false, "Running"),
        Arguments.of("image pull back-off keeps the pod Pending", "Always", List.of(cs("a", PULL_BACKOFF, false, NONE)), false, "Pending"),
        Arguments.of("one running one pulling is Pending", "Always",
            List.of(cs("a", RUNNING, true, NONE), cs("b", PULL_BACKOFF, false, NONE)), false, "Pending"),
        Arguments.of("crash loop after a run is Running", "Always", List.of(cs("a", CRASH_BACKOFF, false, EXITED_1)), false, "Running"),
        Arguments.of("Never and exit 0 is Succeeded", "Never", List.of(cs("a", EXITED_0, false, NONE)), false, "Succeeded"),
        Arguments.of("Never and exit 1 is Failed", "Never", List.of(cs("a", EXITED_1, false, NONE)), false, "Failed"),
        Arguments.of("OnFailure and exit 0 is Succeeded", "OnFailure", List.of(cs("a", EXITED_0, false, NONE)), false, "Succeeded"),
        Arguments.of("stopped for deletion cleanly is Succeeded", "Always", List.of(cs("a", EXITED_0, false, NONE)), true, "Succeeded"),
        Arguments.of("stopped for deletion with 137 is Failed", "Always",
            List.of(cs("a", ContainerState.newBuilder().setTerminated(ContainerStateTerminated.newBuilder().setExitCode(137)).build(),
                false, NONE)), true, "Failed"),
        Arguments.of("no status yet is Pending", "Always", List.of(), false, "Pending"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("phases")
  void phase(String name, String policy, List<ContainerStatus> statuses, boolean terminal, String expected) {
    String[] names = statuses.isEmpty() ? new String[] {"a"} : statuses.stream().map(ContainerStatus::getName).toArray(String[]::new);
    PodStatus s = PodStatusBuilder.build(pod(policy, names), statuses, "127.244.1.2", "127.0.10.1", null, terminal, Instant.EPOCH);
    assertThat(s.getPhase()).isEqualTo(expected);
  }

  static Stream<Arguments> readiness() {
    return Stream.of(
        Arguments.of("all ready", List.of(cs("a", RUNNING, true, NONE)), "True", "", ""),
        Arguments.of("one unready", List.of(cs("a", RUNNING, true, NONE), cs("b", RUNNING, false, NONE)), "False",
            "ContainersNotReady", "containers with unready status: [b]"),
        Arguments.of("none ready", List.of(cs("a", PULL_BACKOFF, false, NONE), cs("b", RUNNING, false, NONE)), "False",
            "ContainersNotReady", "containers with unready status: [a b]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readiness")
  void readyConditions(String name, List<ContainerStatus> statuses, String status, String reason, String message) {
    Pod p = pod("Always", statuses.stream().map(ContainerStatus::getName).toArray(String[]::new));
    PodStatus s = PodStatusBuilder.build(p, statuses, "127.244.1.2", "127.0.10.1", null, false, Instant.EPOCH);
    assertThat(s.getConditionsList()).extracting(PodCondition::getType)
        .containsExactly("Initialized", "Ready", "ContainersReady", "PodScheduled");
    for (String type : List.of("Ready", "ContainersReady")) {
      PodCondition c = s.getConditionsList().stream().filter(x -> x.getType().equals(type)).findFirst().orElseThrow();
      assertThat(c.getStatus()).isEqualTo(status);
      assertThat(c.getReason()).isEqualTo(reason);
      assertThat(c.getMessage()).isEqualTo(message);
    }
    assertThat(s.getPodIp()).isEqualTo("127.244.1.2");
    assertThat(s.getHostIp()).isEqualTo("127.0.10.1");
  }

  @Test
  void transitionTimeIsKeptWhileTheStatusDoesNotChange() {
    Pod p = pod("Always", "a");
    PodStatus first = PodStatusBuilder.build(p, List.of(cs("a", RUNNING, true, NONE)), "ip", "host", null, false,
        Instant.ofEpochSecond(100));
    PodStatus second = PodStatusBuilder.build(p.toBuilder().setStatus(first).build(), List.of(cs("a", RUNNING, true, NONE)),
        "ip", "host", null, false, Instant.ofEpochSecond(200));
    PodStatus third = PodStatusBuilder.build(p.toBuilder().setStatus(second).build(), List.of(cs("a", RUNNING, false, NONE)),
        "ip", "host", null, false, Instant.ofEpochSecond(300));
    assertThat(ready(second)).isEqualTo(Timestamp.newBuilder().setSeconds(100).build());
    assertThat(ready(third)).isEqualTo(Timestamp.newBuilder().setSeconds(300).build());
  }

  private static Timestamp ready(PodStatus s) {
    return s.getConditionsList().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow().getLastTransitionTime();
  }
}
