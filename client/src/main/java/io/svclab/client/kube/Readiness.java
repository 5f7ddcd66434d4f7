package io.svclab.client.kube;

import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Is it Ready": the Ready condition is present with status "True" (podutil.IsPodReady,
 * nodeutil.IsNodeReady). No condition, "False" and "Unknown" are all not ready.
 */
public final class Readiness {
  private Readiness() {}

  public static final String READY = "Ready";

  public static Optional<PodCondition> readyCondition(Pod pod) {
    return find(pod.getStatus().getConditionsList(), PodCondition::getType);
  }

  public static boolean isReady(Pod pod) {
    return readyCondition(pod).map(PodCondition::getStatus).filter("True"::equals).isPresent();
  }

  public static Optional<NodeCondition> readyCondition(Node node) {
    return find(node.getStatus().getConditionsList(), NodeCondition::getType);
  }

  public static boolean isReady(Node node) {
    return readyCondition(node).map(NodeCondition::getStatus).filter("True"::equals).isPresent();
  }

  private static <C> Optional<C> find(List<C> conditions, Function<C, String> type) {
    return conditions.stream().filter(c -> READY.equals(type.apply(c))).findFirst();
  }
}
