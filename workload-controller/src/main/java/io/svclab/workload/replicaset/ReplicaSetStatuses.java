package io.svclab.workload.replicaset;

import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.ReplicaSetStatus;
import io.svclab.client.kube.Readiness;
import io.svclab.client.selection.LabelSelectors;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A ReplicaSet's status from its active pods, as Kubernetes' calculateStatus. */
public final class ReplicaSetStatuses {
  private ReplicaSetStatuses() {}

  public static ReplicaSetStatus of(ReplicaSet rs, List<Pod> activePods, Instant now) {
    var templateLabels = LabelSelectors.ofMap(rs.getSpec().getTemplate().getMetadata().getLabelsMap());
    int minReady = rs.getSpec().getMinReadySeconds();
    return rs.getStatus().toBuilder()
        .setReplicas(activePods.size())
        .setFullyLabeledReplicas((int) activePods.stream()
            .filter(p -> templateLabels.matches(p.getMetadata().getLabelsMap())).count())
        .setReadyReplicas((int) activePods.stream().filter(Readiness::isReady).count())
        .setAvailableReplicas((int) activePods.stream().filter(p -> PodReadiness.isAvailable(p, minReady, now)).count())
        .setObservedGeneration(rs.getMetadata().getGeneration())
        .build();
  }

  /**
   * When to look again: a pod that is ready but not yet available becomes available
   * {@code minReadySeconds} after it turned ready; empty when nothing is waiting for time.
   */
  public static Optional<Instant> nextAvailability(ReplicaSet rs, List<Pod> activePods, Instant now) {
    int minReady = rs.getSpec().getMinReadySeconds();
    if (minReady == 0) {
      return Optional.empty();
    }
    return activePods.stream()
        .filter(p -> Readiness.isReady(p) && !PodReadiness.isAvailable(p, minReady, now))
        .map(p -> PodReadiness.instant(Readiness.readyCondition(p).get().getLastTransitionTime()).plusSeconds(minReady))
        .min(Instant::compareTo);
  }
}
