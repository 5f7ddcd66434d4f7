package io.svclab.apiserver.kubelet;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.Pod;
import io.svclab.apiserver.errors.ApiException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where the apiserver sends a pod's streaming subresource, as kube-apiserver's pod strategy
 * (LogLocation, ExecLocation) decides it: the container (the only one, or the one named), then the
 * node's InternalIP and the kubelet port it publishes in {@code status.daemonEndpoints}, or the
 * Unix socket its annotation {@value #SOCKET_ANNOTATION} names (the kernel lab's nodes live in
 * network namespaces the apiserver has no route into; their socket files are reachable from here).
 */
public final class KubeletLocation {
  private KubeletLocation() {}

  /** The pod has no node yet: kube-apiserver answers pods/log with nothing. */
  public static final String NO_NODE = "";

  /**
   * A Node annotation naming the Unix socket its kubelet API is also served on, as a
   * {@code unix://} URL (the way kubeadm's {@code kubeadm.alpha.kubernetes.io/cri-socket} names a
   * node's CRI socket); node-agent's {@code --kubelet-socket} sets it.
   */
  public static final String SOCKET_ANNOTATION = "svclab.io/kubelet-socket";

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

  /** {@code path} (with its query) on the node's kubelet: its InternalIP and port, and its socket when it publishes one. */
  public static KubeletTarget target(Node node, String path) {
    return new KubeletTarget(URI.create(kubeletBase(node) + path), socket(node));
  }

  /** The socket of {@link #SOCKET_ANNOTATION}, or empty; anything but an absolute {@code unix://} path is refused. */
  public static Optional<Path> socket(Node node) {
    String value = node.getMetadata().getAnnotationsMap().getOrDefault(SOCKET_ANNOTATION, "");
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String scheme = "unix://";
    if (!value.startsWith(scheme) || !value.startsWith("/", scheme.length())) {
      throw ApiException.badRequest("node " + node.getMetadata().getName() + " has an invalid " + SOCKET_ANNOTATION
          + " annotation " + value + ": want unix:///absolute/path");
    }
    return Optional.of(Path.of(value.substring(scheme.length())));
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
