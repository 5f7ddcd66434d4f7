package io.svclab.workload.deployment;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.DeploymentCondition;
import io.svclab.api.v1.DeploymentStatus;
import io.svclab.api.v1.DeploymentStatusOrBuilder;
import java.time.Instant;
import java.util.Optional;

/** Kubernetes' deployment condition types, reasons and SetDeploymentCondition rules. */
public final class DeploymentConditions {
  private DeploymentConditions() {}

  public static final String AVAILABLE = "Available";
  public static final String PROGRESSING = "Progressing";

  public static final String MINIMUM_REPLICAS_AVAILABLE = "MinimumReplicasAvailable";
  public static final String MINIMUM_REPLICAS_UNAVAILABLE = "MinimumReplicasUnavailable";
  public static final String NEW_REPLICA_SET_CREATED = "NewReplicaSetCreated";
  public static final String FOUND_NEW_REPLICA_SET = "FoundNewReplicaSet";
  public static final String REPLICA_SET_UPDATED = "ReplicaSetUpdated";
  public static final String NEW_REPLICA_SET_AVAILABLE = "NewReplicaSetAvailable";
  public static final String PROGRESS_DEADLINE_EXCEEDED = "ProgressDeadlineExceeded";

  public static DeploymentCondition of(String type, boolean status, String reason, String message, Instant now) {
    Timestamp t = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).build();
    return DeploymentCondition.newBuilder().setType(type).setStatus(status ? "True" : "False")
        .setReason(reason).setMessage(message).setLastUpdateTime(t).setLastTransitionTime(t).build();
  }

  public static Optional<DeploymentCondition> find(DeploymentStatusOrBuilder status, String type) {
    return status.getConditionsList().stream().filter(c -> c.getType().equals(type)).findFirst();
  }

  /**
   * SetDeploymentCondition: the same status and reason is no change at all (timestamps
   * kept); the same status with a new reason keeps the transition time; the condition
   * moves to the end of the list.
   */
  public static void set(DeploymentStatus.Builder status, DeploymentCondition condition) {
    Optional<DeploymentCondition> current = find(status, condition.getType());
    if (current.isPresent() && current.get().getStatus().equals(condition.getStatus())
        && current.get().getReason().equals(condition.getReason())) {
      return;
    }
    DeploymentCondition c = condition;
    if (current.isPresent() && current.get().getStatus().equals(condition.getStatus())) {
      c = condition.toBuilder().setLastTransitionTime(current.get().getLastTransitionTime()).build();
    }
    remove(status, condition.getType());
    status.addConditions(c);
  }

  public static void remove(DeploymentStatus.Builder status, String type) {
    for (int i = status.getConditionsCount() - 1; i >= 0; i--) {
      if (status.getConditions(i).getType().equals(type)) {
        status.removeConditions(i);
      }
    }
  }
}
