package io.svclab.workload.deployment;

import io.svclab.api.v1.ReplicaSet;
import java.util.List;

/** The one thing a Deployment sync does to its ReplicaSets, as {@link RolloutPlanner} decides it. */
public sealed interface RolloutStep {
  /** Create the ReplicaSet for the current template with this many replicas. */
  record CreateNewReplicaSet(int replicas) implements RolloutStep {}

  /** Set {@code spec.replicas} of these ReplicaSets; then only the status is written this sync. */
  record Scale(List<Scaling> scalings) implements RolloutStep {}

  /** Nothing to scale: the rollout waits for pods (readiness, termination) or is done. */
  record Steady() implements RolloutStep {}

  record Scaling(ReplicaSet replicaSet, int replicas) {
    public String name() { return replicaSet.getMetadata().getName(); }

    public int from() { return replicaSet.getSpec().getReplicas(); }
  }
}
