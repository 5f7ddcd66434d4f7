package io.svclab.workload.deployment;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.workload.WellKnown;
import java.util.Comparator;
import java.util.List;

/** {@code deployment.kubernetes.io/revision} numbering and revisionHistoryLimit cleanup. */
public final class Revisions {
  private Revisions() {}

  public static long of(ReplicaSet rs) {
    try {
      return Long.parseLong(rs.getMetadata().getAnnotationsOrDefault(WellKnown.REVISION, "0"));
    } catch (NumberFormatException e) {
      return 0; // hand-edited annotation: Kubernetes treats it as no revision too
    }
  }

  public static long max(List<ReplicaSet> rss) {
    return rss.stream().mapToLong(Revisions::of).max().orElse(0);
  }

  /**
   * The old ReplicaSets to delete: Kubernetes' cleanupDeployment keeps
   * {@code revisionHistoryLimit} of them, deleting the lowest revisions first, and only
   * those already scaled to zero with no pods left.
   */
  public static List<ReplicaSet> beyondHistoryLimit(Deployment d, List<ReplicaSet> oldRss) {
    if (!d.getSpec().hasRevisionHistoryLimit()) {
      return List.of();
    }
    List<ReplicaSet> alive = oldRss.stream().filter(rs -> !rs.getMetadata().hasDeletionTimestamp())
        .sorted(Comparator.comparingLong(Revisions::of).thenComparing(RolloutPlanner.byCreation())).toList();
    int surplus = alive.size() - d.getSpec().getRevisionHistoryLimit();
    if (surplus <= 0) {
      return List.of();
    }
    return alive.subList(0, surplus).stream()
        .filter(rs -> rs.getSpec().getReplicas() == 0 && rs.getStatus().getReplicas() == 0
            && rs.getStatus().getObservedGeneration() >= rs.getMetadata().getGeneration())
        .toList();
  }
}
