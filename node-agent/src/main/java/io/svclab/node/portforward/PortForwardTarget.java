package io.svclab.node.portforward;

import io.svclab.api.v1.Pod;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;

/**
 * Where one forwarded connection goes, as kubelet decides it: the port from the request (checked
 * with kubelet's words), the pod this node runs, and its pod IP (svclab's pods listen on their own
 * IP, not on a localhost inside a network namespace). Errors carry the text kubelet writes on the
 * port-forward error stream, which kubectl prints as {@code an error occurred forwarding L -> R: ...}.
 */
public final class PortForwardTarget {
  private PortForwardTarget() {}

  /** What to do with a request. */
  public sealed interface Decision permits Dial, Refused {}

  /** Connect to the pod's IP and port. */
  public record Dial(String ip, int port, String podId) implements Decision {}

  /** Answer with this HTTP code and text instead. */
  public record Refused(int code, String message) implements Decision {}

  public static Decision decide(Optional<Pod> pod, String namespace, String name, String port) {
    if (port.isEmpty()) {
      return new Refused(400, "\"port\" header is required");
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      return new Refused(400, "unable to parse \"" + port + "\" as a port: strconv.ParseUint: parsing \"" + port
          + "\": invalid syntax");
    }
    if (p > 65535 || p < 0 || port.startsWith("+") || port.startsWith("-")) {
      return new Refused(400, "unable to parse \"" + port + "\" as a port: strconv.ParseUint: parsing \"" + port
          + "\": " + (port.startsWith("-") || port.startsWith("+") ? "invalid syntax" : "value out of range"));
    }
    if (p < 1) {
      return new Refused(400, "port \"" + port + "\" must be > 0");
    }
    if (pod.isEmpty()) {
      // kubelet's GetPortForward names the pod as name_namespace
      return new Refused(404, "pod not found (\"" + name + "_" + namespace + "\")");
    }
    String id = pod.get().getMetadata().getUid();
    String ip = pod.get().getStatus().getPodIp();
    if (ip.isEmpty()) {
      return new Refused(500, forwardingError(p, id, "the pod has no IP address yet"));
    }
    return new Dial(ip, p, id);
  }

  /** kubelet's wrapper around the runtime's failure, with Go's wording of the dial error. */
  public static String dialError(Dial d, Exception cause) {
    String why = cause instanceof ConnectException ? "connect: connection refused"
        : cause instanceof SocketTimeoutException ? "i/o timeout" : String.valueOf(cause.getMessage());
    return forwardingError(d.port(), d.podId(), "failed to connect to " + d.ip() + ":" + d.port()
        + " inside the pod's network: dial tcp4 " + d.ip() + ":" + d.port() + ": " + why);
  }

  private static String forwardingError(int port, String podId, String cause) {
    return "error forwarding port " + port + " to pod " + podId + ", uid : " + cause;
  }
}
