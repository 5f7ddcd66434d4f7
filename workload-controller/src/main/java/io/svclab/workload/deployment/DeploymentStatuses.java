package io.svclab.workload.deployment;

import static io.svclab.workload.deployment.DeploymentConditions.AVAILABLE;
import static io.svclab.workload.deployment.DeploymentConditions.PROGRESSING;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentCondition;
import io.svclab.api.v1.DeploymentStatus;
import io.svclab.api.v1.DeploymentStatusOrBuilder;
import io.svclab.api.v1.ReplicaSet;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status from its ReplicaSets, as Kubernetes' calculateStatus and
 * syncRolloutStatus: counts summed over the sets, Available from minimum availability,
 * Progressing from how the rollout moved since the status last written.
 */
public final class DeploymentStatuses {
  private DeploymentStatuses() {}

  /** {@code d.status} is the status last written (it may carry a NewReplicaSetCreated condition of this sync). */
  public static DeploymentStatus next(Deployment d, Optional<ReplicaSet> newRs, List<ReplicaSet> all, Instant now) {
    int replicas = d.getSpec().getReplicas();
    int available = all.stream().mapToInt(rs -> rs.getStatus().getAvailableReplicas()).sum();
    int total = RolloutPlanner.totalReplicas(all);
    DeploymentStatus.Builder s = d.getStatus().toBuilder()
        .setObservedGeneration(d.getMetadata().getGeneration())
        .setReplicas(all.stream().mapToInt(rs -> rs.getStatus().getReplicas()).sum())
        .setUpdatedReplicas(newRs.map(rs -> rs.getStatus().getReplicas()).orElse(0))
        .setReadyReplicas(all.stream().mapToInt(rs -> rs.getStatus().getReadyReplicas()).sum())
        .setAvailableReplicas(available)
        .setUnavailableReplicas(Math.max(0, total - available));
    if (available >= replicas - Fenceposts.of(d).maxUnavailable()) {
      DeploymentConditions.set(s, DeploymentConditions.of(AVAILABLE, true,
          DeploymentConditions.MINIMUM_REPLICAS_AVAILABLE, "Deployment has minimum availability.", now));
    } else {
      DeploymentConditions.set(s, DeploymentConditions.of(AVAILABLE, false,
          DeploymentConditions.MINIMUM_REPLICAS_UNAVAILABLE, "Deployment does not have minimum availability.", now));
    }
    progressing(d, newRs, s, now);
    return s.build();
  }

  private static void progressing(Deployment d, Optional<ReplicaSet> newRs, DeploymentStatus.Builder s, Instant now) {
    if (!d.getSpec().hasProgressDeadlineSeconds()) {
      DeploymentConditions.remove(s, PROGRESSING);
      return;
    }
    Optional<DeploymentCondition> current = DeploymentConditions.find(d.getStatus(), PROGRESSING);
    boolean alreadyComplete = s.getReplicas() == s.getUpdatedReplicas() && current.isPresent()
        && current.get().getReason().equals(DeploymentConditions.NEW_REPLICA_SET_AVAILABLE);
    if (alreadyComplete) {
      return;
    }
    String subject = newRs.map(rs -> "ReplicaSet \"" + rs.getMetadata().getName() + "\"")
        .orElse("Deployment \"" + d.getMetadata().getName() + "\"");
    if (isComplete(d, s)) {
      DeploymentConditions.set(s, DeploymentConditions.of(PROGRESSING, true,
          DeploymentConditions.NEW_REPLICA_SET_AVAILABLE, subject + " has successfully progressed.", now));
    } else if (isProgressing(d.getStatus(), s)) {
      DeploymentCondition c = DeploymentConditions.of(PROGRESSING, true,
          DeploymentConditions.REPLICA_SET_UPDATED, subject + " is progressing.", now);
      if (current.isPresent() && current.get().getStatus().equals("True")) {
        c = c.toBuilder().setLastTransitionTime(current.get().getLastTransitionTime()).build();
      }
      // replaced outright, so lastUpdateTime records the latest progress
      DeploymentConditions.remove(s, PROGRESSING);
      s.addConditions(c);
    } else if (timedOut(d, current, now)) {
      DeploymentConditions.set(s, DeploymentConditions.of(PROGRESSING, false,
          DeploymentConditions.PROGRESS_DEADLINE_EXCEEDED, subject + " has timed out progressing.", now));
    }
  }

  /** DeploymentComplete: every replica updated and available, and this generation observed. */
  public static boolean isComplete(Deployment d, DeploymentStatusOrBuilder s) {
    int replicas = d.getSpec().getReplicas();
    return s.getUpdatedReplicas() == replicas && s.getReplicas() == replicas && s.getAvailableReplicas() == replicas
        && s.getObservedGeneration() >= d.getMetadata().getGeneration();
  }

  private static boolean isProgressing(DeploymentStatus old, DeploymentStatus.Builder now) {
    int oldOld = old.getReplicas() - old.getUpdatedReplicas();
    int newOld = now.getReplicas() - now.getUpdatedReplicas();
    return now.getUpdatedReplicas() > old.getUpdatedReplicas() || newOld < oldOld
        || now.getReadyReplicas() > old.getReadyReplicas() || now.getAvailableReplicas() > old.getAvailableReplicas();
  }

  private static boolean timedOut(Deployment d, Optional<DeploymentCondition> current, Instant now) {
    if (current.isEmpty()) {
      return false;
    }
    String reason = current.get().getReason();
    if (reason.equals(DeploymentConditions.NEW_REPLICA_SET_AVAILABLE)) {
      return false;
    }
    if (reason.equals(DeploymentConditions.PROGRESS_DEADLINE_EXCEEDED)) {
      return true;
    }
    long from = current.get().getLastUpdateTime().getSeconds();
    return from + d.getSpec().getProgressDeadlineSeconds() < now.getEpochSecond();
  }
}
