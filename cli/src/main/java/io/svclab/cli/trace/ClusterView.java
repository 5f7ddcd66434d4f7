package io.svclab.cli.trace;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The live objects a trace reads, listed once from the API (all namespaces), plus what the
 * command measured: {@code listening} says, per endpoint {@code ip:port}, whether a TCP
 * connect succeeded (absent when not probed). Immutable.
 */
public record ClusterView(List<Service> services, List<EndpointSlice> slices, List<Pod> pods, List<Node> nodes,
    Map<String, Boolean> listening) {

  public ClusterView {
    services = List.copyOf(services);
    slices = List.copyOf(slices);
    pods = List.copyOf(pods);
    nodes = nodes.stream().sorted(Comparator.comparing(n -> n.getMetadata().getName())).toList();
    listening = Map.copyOf(listening);
  }

  public ClusterView withListening(Map<String, Boolean> probes) {
    return new ClusterView(services, slices, pods, nodes, probes);
  }

  /** The node's InternalIP (the address NodePorts listen on), or "" when it has none. */
  public static String nodeAddress(Node node) {
    return node.getStatus().getAddressesList().stream().filter(a -> a.getType().equals("InternalIP"))
        .map(a -> a.getAddress()).findFirst().orElse("");
  }

  public Optional<Node> nodeNamed(String name) {
    return nodes.stream().filter(n -> n.getMetadata().getName().equals(name)).findFirst();
  }

  public Optional<Node> nodeWithAddress(String ip) {
    return nodes.stream().filter(n -> nodeAddress(n).equals(ip)).findFirst();
  }

  public Optional<Pod> podWithIp(String ip) {
    return pods.stream().filter(p -> p.getStatus().getPodIp().equals(ip) && !p.getMetadata().hasDeletionTimestamp())
        .findFirst().or(() -> pods.stream().filter(p -> p.getStatus().getPodIp().equals(ip)).findFirst());
  }

  public Optional<Pod> pod(String namespace, String name) {
    return pods.stream().filter(p -> p.getMetadata().getNamespace().equals(namespace)
        && p.getMetadata().getName().equals(name)).findFirst();
  }
}
