package io.svclab.cli.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Pod;
import io.svclab.client.kube.MirrorPods;
import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MirrorPodPlanTest {
  static final StaticPod API = StaticPods.of(1).get(0);
  static final Instant STARTED = Instant.parse("2026-12-02T18:00:00Z");
  static final Pod DESIRED = MirrorPod.of(API, STARTED, 0, 100, true, Optional.empty());

  /** As the API returns it: with uid and resourceVersion. */
  static Pod stored(UnaryOperator<Pod.Builder> edit) {
    Pod.Builder p = DESIRED.toBuilder();
    p.getMetadataBuilder().setUid("u1").setResourceVersion("7");
    return edit.apply(p).build();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("none yet: create", Optional.empty(), MirrorPodPlan.CREATE),
        Arguments.of("current: nothing", Optional.of(stored(p -> p)), MirrorPodPlan.NOTHING),
        Arguments.of("the process restarted: status only",
            Optional.of(stored(p -> p.setStatus(MirrorPod.of(API, STARTED.minusSeconds(60), 0, 99, true, Optional.empty())
                .getStatus()))), MirrorPodPlan.UPDATE_STATUS),
        Arguments.of("still Pending after the create: status only",
            Optional.of(stored(p -> { p.getStatusBuilder().clear().setPhase("Pending"); return p; })),
            MirrorPodPlan.UPDATE_STATUS),
        Arguments.of("terminating (someone deleted it): recreate",
            Optional.of(stored(p -> { p.getMetadataBuilder().setDeletionTimestamp(Timestamp.newBuilder().setSeconds(5)); return p; })),
            MirrorPodPlan.RECREATE),
        Arguments.of("a user's pod of that name: recreate",
            Optional.of(stored(p -> { p.getMetadataBuilder().removeAnnotations(MirrorPods.ANNOTATION_MIRROR); return p; })),
            MirrorPodPlan.RECREATE),
        Arguments.of("another manifest (the mirror annotation is its hash): recreate",
            Optional.of(stored(p -> { p.getMetadataBuilder().putAnnotations(MirrorPods.ANNOTATION_MIRROR, "old"); return p; })),
            MirrorPodPlan.RECREATE),
        Arguments.of("owned by a Node that registered again: recreate",
            Optional.of(stored(p -> { p.getMetadataBuilder().addOwnerReferences(io.svclab.api.v1.OwnerReference.newBuilder()
                .setKind("Node").setName("node-1").setUid("old-uid")); return p; })), MirrorPodPlan.RECREATE),
        Arguments.of("spec defaulted by the API: nothing",
            Optional.of(stored(p -> { p.getSpecBuilder().setTerminationGracePeriodSeconds(30).setEnableServiceLinks(true)
                .getContainersBuilder(0).setTerminationMessagePath("/dev/termination-log"); return p; })),
            MirrorPodPlan.NOTHING));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(String name, Optional<Pod> existing, MirrorPodPlan expected) {
    assertThat(MirrorPodPlan.decide(existing, DESIRED)).isEqualTo(expected);
  }
}
