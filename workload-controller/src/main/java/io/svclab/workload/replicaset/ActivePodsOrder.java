package io.svclab.workload.replicaset;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.Pod;
import io.svclab.client.kube.Readiness;
import io.svclab.workload.WellKnown;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which pods a shrinking ReplicaSet deletes first: Kubernetes' ActivePodsWithRanks order,
 * the cheapest pod to lose first. Earlier sorts first:
 * <ol>
 *   <li>unscheduled before scheduled</li>
 *   <li>Pending before Unknown before Running</li>
 *   <li>not ready before ready</li>
 *   <li>lower {@code controller.kubernetes.io/pod-deletion-cost} first</li>
 *   <li>doubled up (more pods of the set on its node) before alone</li>
 *   <li>ready for a shorter time first</li>
 *   <li>more container restarts first</li>
 *   <li>newer before older</li>
 * </ol>
 */
public final class ActivePodsOrder {
  private ActivePodsOrder() {}

  /** The pods in deletion order; the rank of a pod is the number of {@code pods} on its node. */
  public static List<Pod> deletionOrder(List<Pod> pods) {
    Map<String, Integer> perNode = new HashMap<>();
    for (Pod p : pods) {
      if (!p.getSpec().getNodeName().isEmpty()) {
        perNode.merge(p.getSpec().getNodeName(), 1, Integer::sum);
      }
    }
    Comparator<Pod> order = Comparator
        .comparing((Pod p) -> !p.getSpec().getNodeName().isEmpty())
        .thenComparing(p -> phaseRank(p.getStatus().getPhase()))
        .thenComparing(Readiness::isReady)
        .thenComparing(ActivePodsOrder::deletionCost)
        .thenComparing(p -> -perNode.getOrDefault(p.getSpec().getNodeName(), 0))
        .thenComparing(ActivePodsOrder::readySinceNewestFirst)
        .thenComparing(p -> -restarts(p))
        .thenComparing(p -> -seconds(p.getMetadata().getCreationTimestamp()));
    return pods.stream().sorted(order).toList();
  }

  private static int phaseRank(String phase) {
    return switch (phase) {
      case "Pending", "" -> 0;
      case "Unknown" -> 1;
      case "Running" -> 2;
      default -> 3;
    };
  }

  private static long deletionCost(Pod p) {
    try {
      return Long.parseLong(p.getMetadata().getAnnotationsOrDefault(WellKnown.POD_DELETION_COST, "0"));
    } catch (NumberFormatException e) {
      return 0; // Kubernetes rejects such values at admission; treat as the default
    }
  }

  /** Both ready: the one ready more recently goes first; unready pods compare equal here. */
  private static long readySinceNewestFirst(Pod p) {
    if (!Readiness.isReady(p)) {
      return 0;
    }
    return -seconds(Readiness.readyCondition(p).get().getLastTransitionTime());
  }

  private static int restarts(Pod p) {
    return p.getStatus().getContainerStatusesList().stream().mapToInt(ContainerStatus::getRestartCount).max().orElse(0);
  }

  private static long seconds(Timestamp t) {
    return t.getSeconds() * 1_000_000_000L + t.getNanos();
  }
}
