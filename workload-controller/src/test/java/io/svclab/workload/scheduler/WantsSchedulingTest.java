package io.svclab.workload.scheduler;

import static io.svclab.workload.Fixtures.on;
import static io.svclab.workload.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Pod;
import io.svclab.client.kube.MirrorPods;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WantsSchedulingTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("an unbound pod for the default scheduler", pod("web", p -> p), true),
        Arguments.of("a bound pod", pod("web", p -> on(p, "node-1")), false),
        Arguments.of("a pod going away", pod("web", p -> {
          p.getMetadataBuilder().setDeletionTimestamp(Timestamp.newBuilder().setSeconds(1));
          return p;
        }), false),
        Arguments.of("another scheduler's pod", pod("web", p -> {
          p.getSpecBuilder().setSchedulerName("my-scheduler");
          return p;
        }), false),
        Arguments.of("a mirror pod without a node (the lab's control plane)", pod("kube-apiserver-control-plane", p -> {
          p.getMetadataBuilder().putAnnotations(MirrorPods.ANNOTATION_MIRROR, "0f3a");
          return p;
        }), false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(String name, Pod pod, boolean wanted) {
    assertThat(SchedulerSync.wantsScheduling(pod)).isEqualTo(wanted);
  }
}
