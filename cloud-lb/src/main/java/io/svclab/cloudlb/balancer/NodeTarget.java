package io.svclab.cloudlb.balancer;

import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.client.kube.Readiness;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A node the balancer can send to: its name and InternalIP. */
public record NodeTarget(String name, String address) {
  /** Excluded from load balancers, as Kubernetes' service controller honours it. */
  public static final String EXCLUDE_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers";

  /** A Ready (condition Ready=True) node with an InternalIP, not excluded; empty otherwise. */
  public static Optional<NodeTarget> of(Node node) {
    return whyNot(node).isPresent() ? Optional.empty() : internalIp(node)
        .map(addr -> new NodeTarget(node.getMetadata().getName(), addr));
  }

  /** Why the balancer does not send to this node ({@code ./lab trace} prints it); empty when it does. */
  public static Optional<String> whyNot(Node node) {
    if (node.getMetadata().getLabelsMap().containsKey(EXCLUDE_LABEL)) {
      return Optional.of("labelled " + EXCLUDE_LABEL);
    }
    if (node.getMetadata().hasDeletionTimestamp()) {
      return Optional.of("node is being deleted");
    }
    if (!Readiness.isReady(node)) {
      return Optional.of("node not Ready");
    }
    return internalIp(node).isPresent() ? Optional.empty() : Optional.of("node has no InternalIP");
  }

  private static Optional<String> internalIp(Node node) {
    return node.getStatus().getAddressesList().stream()
        .filter(a -> "InternalIP".equals(a.getType()) && !a.getAddress().isEmpty())
        .map(NodeAddress::getAddress).findFirst();
  }

  /** The balancer's hosts: every usable node, sorted by name. */
  public static List<NodeTarget> of(Collection<Node> nodes) {
    return nodes.stream().map(NodeTarget::of).flatMap(Optional::stream)
        .sorted(Comparator.comparing(NodeTarget::name)).toList();
  }
}
