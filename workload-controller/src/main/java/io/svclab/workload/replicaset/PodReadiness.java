package io.svclab.workload.replicaset;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import java.time.Instant;
import java.util.Optional;

/** Kubernetes' podutil readiness helpers: IsPodActive, IsPodReady, IsPodAvailable. */
public final class PodReadiness {
  private PodReadiness() {}

  /** Counts toward a ReplicaSet: not terminating, not finished (controller.FilterActivePods). */
  public static boolean isActive(Pod pod) {
    String phase = pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase) && !pod.getMetadata().hasDeletionTimestamp();
  }

  public static Optional<PodCondition> readyCondition(Pod pod) {
    return pod.getStatus().getConditionsList().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
  }

  public static boolean isReady(Pod pod) {
    return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** Ready for at least {@code minReadySeconds} (ready since its Ready condition's last transition). */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!isReady(pod)) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    Instant since = instant(readyCondition(pod).get().getLastTransitionTime());
    return !since.plusSeconds(minReadySeconds).isAfter(now) && since.getEpochSecond() != 0;
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
