package io.svclab.apiserver.kubelet;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.Pod;
import io.svclab.apiserver.errors.ApiException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the apiserver sends a pod's streaming subresource, as kube-apiserver's pod strategy
 * (LogLocation, ExecLocation) decides it: the container (the only one, or the one named), then the
 * node's InternalIP and the kubelet port it publishes in {@code status.daemonEndpoints}.
 */
public final class KubeletLocation {
  private KubeletLocation() {}

  /** The pod has no node yet: kube-apiserver answers pods/log with nothing. */
  public static final String NO_NODE = "";

  /** The container a request is for, in Kubernetes' words when it cannot be chosen. */
  public static String container(Pod pod, String requested) {
    String name = pod.getMetadata().getName();
    List<Container> containers = pod.getSpec().getContainersList();
    if (requested.isEmpty()) {
      if (containers.size() == 1) {
        return containers.get(0).getName();
      }
      String names = containers.stream().map(Container::getName).collect(Collectors.joining(" "));
      String message = "a container name must be specified for pod " + name + ", choose one of: [" + names + "]";
      if (pod.getSpec().getInitContainersCount() > 0) {
        message += " or one of the init containers: [" + pod.getSpec().getInitContainersList().stream()
            .map(Container::getName).collect(Collectors.joining(" ")) + "]";
      }
      throw ApiException.badRequest(message);
    }
    boolean known = containers.stream().anyMatch(c -> c.getName().equals(requested))
        || pod.getSpec().getInitContainersList().stream().anyMatch(c -> c.getName().equals(requested));
    if (!known) {
      throw ApiException.badRequest("container " + requested + " is not valid for pod " + name);
    }
    return requested;
  }

  /** {@code http://<InternalIP>:<kubelet port>} of a node, or an error saying what it lacks. */
  public static String kubeletBase(Node node) {
    Optional<String> ip = node.getStatus().getAddressesList().stream().filter(a -> a.getType().equals("InternalIP"))
        .map(NodeAddress::getAddress).findFirst();
    int port = node.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort();
    if (ip.isEmpty()) {
      throw ApiException.badRequest("node " + node.getMetadata().getName() + " has no InternalIP address");
    }
    if (port <= 0) {
      throw ApiException.badRequest("node " + node.getMetadata().getName() + " does not publish a kubelet port");
    }
    String host = ip.get().contains(":") ? "[" + ip.get() + "]" : ip.get();
    return "http://" + host + ":" + port;
  }

  /** The kubelet path of a pod's container under {@code /containerLogs} or {@code /exec}. */
  public static String path(String endpoint, Pod pod, String container) {
    return "/" + endpoint + "/" + segment(pod.getMetadata().getNamespace()) + "/" + segment(pod.getMetadata().getName())
        + "/" + segment(container);
  }

  /** A path segment, escaped as Go's url.PathEscape would. */
  public static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
