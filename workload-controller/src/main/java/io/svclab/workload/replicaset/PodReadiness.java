package io.svclab.workload.replicaset;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Pod;
import io.svclab.client.kube.Readiness;
import java.time.Instant;

/** Kubernetes' podutil helpers a ReplicaSet needs beyond IsPodReady ({@link Readiness}): IsPodActive, IsPodAvailable. */
public final class PodReadiness {
  private PodReadiness() {}

  /** Counts toward a ReplicaSet: not terminating, not finished (controller.FilterActivePods). */
  public static boolean isActive(Pod pod) {
    String phase = pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase) && !pod.getMetadata().hasDeletionTimestamp();
  }

  /** Ready for at least {@code minReadySeconds} (ready since its Ready condition's last transition). */
  public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
    if (!Readiness.isReady(pod)) {
      return false;
    }
    if (minReadySeconds == 0) {
      return true;
    }
    Instant since = instant(Readiness.readyCondition(pod).get().getLastTransitionTime());
    return !since.plusSeconds(minReadySeconds).isAfter(now) && since.getEpochSecond() != 0;
  }

  static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
