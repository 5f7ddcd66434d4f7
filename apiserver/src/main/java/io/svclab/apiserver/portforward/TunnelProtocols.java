package io.svclab.apiserver.portforward;

import java.util.Arrays;
import java.util.List;

/**
 * Which port-forward protocol a request gets. kubectl 1.31+ (PortForwardWebsockets) asks for a
 * WebSocket with the subprotocol {@code SPDY/3.1+portforward.k8s.io} and tunnels SPDY through its
 * binary messages; on an upgrade failure it falls back to an HTTP {@code Upgrade: SPDY/3.1} with
 * {@code X-Stream-Protocol-Version: portforward.k8s.io} (kubelet's {@code httpstream.Handshake}).
 */
public final class TunnelProtocols {
  private TunnelProtocols() {}

  public static final String PORT_FORWARD_V1 = "portforward.k8s.io";
  public static final String SPDY = "SPDY/3.1";
  public static final String WEBSOCKET_TUNNEL = SPDY + "+" + PORT_FORWARD_V1;

  public sealed interface Negotiated permits Chosen, Refused {}

  public record Chosen(String protocol) implements Negotiated {}

  public record Refused(int code, String message) implements Negotiated {}

  /** The WebSocket subprotocol, from the {@code Sec-WebSocket-Protocol} values a client offers. */
  public static Negotiated websocket(List<String> offered) {
    List<String> all = split(offered);
    if (all.contains(WEBSOCKET_TUNNEL)) {
      return new Chosen(WEBSOCKET_TUNNEL);
    }
    return new Refused(400, "unable to upgrade: unable to negotiate protocol: client supports " + format(all)
        + ", server accepts [" + WEBSOCKET_TUNNEL + "]");
  }

  /** The SPDY stream protocol, from the {@code X-Stream-Protocol-Version} values a client offers. */
  public static Negotiated spdy(List<String> offered) {
    List<String> all = split(offered);
    if (all.isEmpty()) {
      return new Refused(400, "unable to upgrade: X-Stream-Protocol-Version is required");
    }
    if (all.contains(PORT_FORWARD_V1)) {
      return new Chosen(PORT_FORWARD_V1);
    }
    return new Refused(403, "unable to upgrade: unable to negotiate protocol: client supports " + format(all)
        + ", server accepts [" + PORT_FORWARD_V1 + "]");
  }

  private static List<String> split(List<String> values) {
    return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(s -> !s.isEmpty())
        .toList();
  }

  /** Go's {@code %v} of a string slice. */
  private static String format(List<String> values) {
    return "[" + String.join(" ", values) + "]";
  }
}
