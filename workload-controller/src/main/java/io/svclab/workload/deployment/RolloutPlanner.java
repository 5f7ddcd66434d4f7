package io.svclab.workload.deployment;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.workload.WellKnown;
import io.svclab.workload.deployment.RolloutStep.CreateNewReplicaSet;
import io.svclab.workload.deployment.RolloutStep.Scale;
import io.svclab.workload.deployment.RolloutStep.Scaling;
import io.svclab.workload.deployment.RolloutStep.Steady;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The next rollout step of a Deployment, as Kubernetes' deployment controller takes it
 * (rolloutRolling / rolloutRecreate): one step per sync, each sync reading fresh state.
 *
 * <p>RollingUpdate: grow the new ReplicaSet while the total stays within replicas +
 * maxSurge; then shrink old ones, first their unavailable pods, then available ones while
 * at least replicas - maxUnavailable stay available. Recreate: old ReplicaSets to zero,
 * wait until their pods are gone, then the new one to full size.
 */
public final class RolloutPlanner {
  private RolloutPlanner() {}

  /**
   * @param newRs          the ReplicaSet whose template is the Deployment's, if it exists
   * @param oldRss         the Deployment's other ReplicaSets
   * @param oldPodsRunning pods of old ReplicaSets not yet gone (Recreate waits for zero)
   */
  public static RolloutStep plan(Deployment d, Optional<ReplicaSet> newRs, List<ReplicaSet> oldRss, int oldPodsRunning) {
    if (d.getSpec().getPaused()) {
      return pausedScale(d, newRs, oldRss);
    }
    return WellKnown.RECREATE.equals(d.getSpec().getStrategy().getType())
        ? recreate(d, newRs, oldRss, oldPodsRunning)
        : rolling(d, newRs, oldRss);
  }

  /** A paused Deployment only follows scale changes of a single active ReplicaSet, never rolls. */
  private static RolloutStep pausedScale(Deployment d, Optional<ReplicaSet> newRs, List<ReplicaSet> oldRss) {
    boolean oldActive = oldRss.stream().anyMatch(rs -> rs.getSpec().getReplicas() > 0);
    if (newRs.isPresent() && !oldActive && newRs.get().getSpec().getReplicas() != d.getSpec().getReplicas()) {
      return new Scale(List.of(new Scaling(newRs.get(), d.getSpec().getReplicas())));
    }
    return new Steady();
  }

  private static RolloutStep recreate(Deployment d, Optional<ReplicaSet> newRs, List<ReplicaSet> oldRss, int oldPodsRunning) {
    List<Scaling> downs = oldRss.stream().filter(rs -> rs.getSpec().getReplicas() != 0)
        .map(rs -> new Scaling(rs, 0)).toList();
    if (!downs.isEmpty()) {
      return new Scale(downs);
    }
    if (oldPodsRunning > 0) {
      return new Steady();
    }
    int replicas = d.getSpec().getReplicas();
    if (newRs.isEmpty()) {
      return new CreateNewReplicaSet(replicas);
    }
    if (newRs.get().getSpec().getReplicas() != replicas) {
      return new Scale(List.of(new Scaling(newRs.get(), replicas)));
    }
    return new Steady();
  }

  private static RolloutStep rolling(Deployment d, Optional<ReplicaSet> newRs, List<ReplicaSet> oldRss) {
    int replicas = d.getSpec().getReplicas();
    if (newRs.isEmpty()) {
      return new CreateNewReplicaSet(newReplicaSetReplicas(d, 0, totalReplicas(oldRss)));
    }
    ReplicaSet current = newRs.get();
    int newReplicas = current.getSpec().getReplicas();
    List<ReplicaSet> all = new ArrayList<>(oldRss);
    all.add(current);
    if (newReplicas > replicas) {
      return new Scale(List.of(new Scaling(current, replicas)));
    }
    if (newReplicas < replicas) {
      int target = newReplicaSetReplicas(d, newReplicas, totalReplicas(all));
      if (target != newReplicas) {
        return new Scale(List.of(new Scaling(current, target)));
      }
    }
    List<Scaling> downs = scaleDownOld(d, current, oldRss);
    return downs.isEmpty() ? new Steady() : new Scale(downs);
  }

  /** NewRSNewReplicas for RollingUpdate: grow by what the surge allowance leaves room for. */
  static int newReplicaSetReplicas(Deployment d, int newReplicas, int currentPodCount) {
    int replicas = d.getSpec().getReplicas();
    int maxTotal = replicas + Fenceposts.of(d).maxSurge();
    if (currentPodCount >= maxTotal) {
      return newReplicas;
    }
    return newReplicas + Math.min(maxTotal - currentPodCount, replicas - newReplicas);
  }

  /** reconcileOldReplicaSets: unhealthy old pods first, then healthy ones down to minAvailable. */
  private static List<Scaling> scaleDownOld(Deployment d, ReplicaSet newRs, List<ReplicaSet> oldRss) {
    if (totalReplicas(oldRss) == 0) {
      return List.of();
    }
    int minAvailable = d.getSpec().getReplicas() - Fenceposts.of(d).maxUnavailable();
    int newUnavailable = newRs.getSpec().getReplicas() - newRs.getStatus().getAvailableReplicas();
    int allPods = totalReplicas(oldRss) + newRs.getSpec().getReplicas();
    int maxScaledDown = allPods - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) {
      return List.of();
    }
    List<ReplicaSet> oldest = oldRss.stream().sorted(byCreation()).toList();
    Map<String, Integer> target = new LinkedHashMap<>();
    oldest.forEach(rs -> target.put(rs.getMetadata().getName(), rs.getSpec().getReplicas()));

    // cleanupUnhealthyReplicas: pods that are not available cost nothing to remove
    int cleaned = 0;
    for (ReplicaSet rs : oldest) {
      if (cleaned >= maxScaledDown) {
        break;
      }
      int replicas = rs.getSpec().getReplicas();
      int unhealthy = replicas - rs.getStatus().getAvailableReplicas();
      if (replicas == 0 || unhealthy <= 0) {
        continue;
      }
      int down = Math.min(maxScaledDown - cleaned, unhealthy);
      target.put(rs.getMetadata().getName(), replicas - down);
      cleaned += down;
    }

    // scaleDownOldReplicaSetsForRollingUpdate: available pods above minAvailable
    // A ReplicaSet's status can lag its own scale-down: never count more available pods than
    // it is now asked to keep, or a second step would take down pods the first already took.
    int available = Math.min(newRs.getStatus().getAvailableReplicas(), newRs.getSpec().getReplicas())
        + oldRss.stream().mapToInt(rs -> Math.min(rs.getStatus().getAvailableReplicas(), rs.getSpec().getReplicas())).sum();
    if (available > minAvailable) {
      int allowed = available - minAvailable;
      int scaled = 0;
      for (ReplicaSet rs : oldest) {
        if (scaled >= allowed) {
          break;
        }
        int replicas = target.get(rs.getMetadata().getName());
        if (replicas == 0) {
          continue;
        }
        int down = Math.min(replicas, allowed - scaled);
        target.put(rs.getMetadata().getName(), replicas - down);
        scaled += down;
      }
    }
    List<Scaling> scalings = new ArrayList<>();
    for (ReplicaSet rs : oldest) {
      int to = target.get(rs.getMetadata().getName());
      if (to != rs.getSpec().getReplicas()) {
        scalings.add(new Scaling(rs, to));
      }
    }
    return scalings;
  }

  static int totalReplicas(List<ReplicaSet> rss) {
    return rss.stream().mapToInt(rs -> rs.getSpec().getReplicas()).sum();
  }

  static Comparator<ReplicaSet> byCreation() {
    return Comparator.comparing((ReplicaSet rs) -> rs.getMetadata().getCreationTimestamp().getSeconds())
        .thenComparing(rs -> rs.getMetadata().getCreationTimestamp().getNanos())
        .thenComparing(rs -> rs.getMetadata().getName());
  }
}
