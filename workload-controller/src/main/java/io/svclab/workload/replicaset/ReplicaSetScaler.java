package io.svclab.workload.replicaset;

import io.svclab.api.v1.Pod;
import java.util.List;

/**
 * How a ReplicaSet moves towards its desired replicas: create the missing pods (at most
 * {@code burst} per sync, as Kubernetes' burstReplicas) or delete the surplus in
 * {@link ActivePodsOrder}. Pure: the shell performs the plan.
 */
public final class ReplicaSetScaler {
  private ReplicaSetScaler() {}

  /** Kubernetes' burstReplicas: no more than this many creates or deletes per sync. */
  public static final int BURST = 500;

  public record Plan(int create, List<Pod> delete) {
    public boolean isEmpty() { return create == 0 && delete.isEmpty(); }
  }

  /** {@code activePods}: the set's pods that are neither terminating nor finished. */
  public static Plan plan(int desired, List<Pod> activePods) {
    int diff = activePods.size() - desired;
    if (diff < 0) {
      return new Plan(Math.min(-diff, BURST), List.of());
    }
    if (diff > 0) {
      return new Plan(0, ActivePodsOrder.deletionOrder(activePods).subList(0, Math.min(diff, BURST)));
    }
    return new Plan(0, List.of());
  }
}
