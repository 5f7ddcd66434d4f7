package io.svclab.workload.scheduler;

import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Taint;
import io.svclab.api.v1.Toleration;
import io.svclab.client.kube.Readiness;
import io.svclab.workload.Owners;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The scheduler's decision for one pod, kube-scheduler in miniature. Filter: the node is
 * Ready, schedulable, matches the pod's nodeSelector and has no taint the pod does not
 * tolerate. Score: fewest pods of the same owner (spreading replicas, as
 * SelectorSpread/PodTopologySpread do), then fewest pods, then the node name. A pod no node
 * fits gets kube-scheduler's FitError message, reasons counted and sorted.
 */
public final class NodePlacement {
  private NodePlacement() {}

  static final String NOT_READY = "node(s) were not ready";
  static final String UNSCHEDULABLE = "node(s) were unschedulable";
  static final String SELECTOR_MISMATCH = "node(s) didn't match Pod's node affinity/selector";

  /** {@code placedPods}: pods bound (or being bound) to nodes that still hold their place. */
  public static Placement place(Pod pod, List<Node> nodes, List<Pod> placedPods) {
    if (nodes.isEmpty()) {
      return new Placement.Unschedulable("no nodes available to schedule pods");
    }
    Map<String, Integer> reasons = new TreeMap<>();
    List<Node> feasible = new ArrayList<>();
    for (Node node : nodes) {
      Optional<String> reason = unfit(pod, node);
      if (reason.isPresent()) {
        reasons.merge(reason.get(), 1, Integer::sum);
      } else {
        feasible.add(node);
      }
    }
    if (feasible.isEmpty()) {
      List<String> counted = new ArrayList<>();
      reasons.forEach((reason, count) -> counted.add(count + " " + reason));
      counted.sort(null); // kube-scheduler sorts the "<count> <reason>" strings
      return new Placement.Unschedulable("0/" + nodes.size() + " nodes are available: " + String.join(", ", counted) + ".");
    }
    String owner = Owners.controllerOf(pod.getMetadata()).map(o -> o.getUid()).orElse(null);
    Comparator<Node> best = Comparator
        .comparingLong((Node n) -> owner == null ? 0 : placedPods.stream()
            .filter(p -> onNode(p, n) && Owners.isControlledBy(p.getMetadata(), owner)).count())
        .thenComparingLong(n -> placedPods.stream().filter(p -> onNode(p, n)).count())
        .thenComparing(n -> n.getMetadata().getName());
    return new Placement.Bind(feasible.stream().min(best).orElseThrow().getMetadata().getName());
  }

  private static boolean onNode(Pod p, Node n) {
    return p.getSpec().getNodeName().equals(n.getMetadata().getName());
  }

  /** The first filter the node fails, in kube-scheduler's filter order. */
  static Optional<String> unfit(Pod pod, Node node) {
    if (!Readiness.isReady(node)) {
      return Optional.of(NOT_READY);
    }
    if (node.getSpec().getUnschedulable()) {
      return Optional.of(UNSCHEDULABLE);
    }
    Map<String, String> labels = node.getMetadata().getLabelsMap();
    boolean selected = pod.getSpec().getNodeSelectorMap().entrySet().stream()
        .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    if (!selected) {
      return Optional.of(SELECTOR_MISMATCH);
    }
    for (Taint taint : node.getSpec().getTaintsList()) {
      boolean blocking = taint.getEffect().equals("NoSchedule") || taint.getEffect().equals("NoExecute");
      if (blocking && pod.getSpec().getTolerationsList().stream().noneMatch(t -> tolerates(t, taint))) {
        return Optional.of("node(s) had untolerated taint {" + taint.getKey() + ": " + taint.getValue() + "}");
      }
    }
    return Optional.empty();
  }

  /** v1.Toleration.ToleratesTaint. */
  static boolean tolerates(Toleration t, Taint taint) {
    if (!t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if (!t.getKey().isEmpty() && !t.getKey().equals(taint.getKey())) {
      return false;
    }
    return switch (t.getOperator()) {
      case "Exists" -> true;
      case "Equal", "" -> t.getValue().equals(taint.getValue());
      default -> false;
    };
  }
}
