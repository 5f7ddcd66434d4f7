package io.svclab.cli.trace;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What to trace: a destination {@code ip:port} (TCP unless {@code /UDP}), and where the packet
 * starts: a pod ({@code --from}), a node ({@code --node}), or, with neither, this host.
 *
 * @param fromPod {@code namespace/name}, or null
 * @param node    a node name, or null
 */
public record TraceRequest(String ip, int port, String protocol, String fromPod, String node) {
  private static final Pattern ADDRESS = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):(\\d{1,5})(?:/(TCP|UDP|tcp|udp))?");

  /** Parses {@code IP:PORT[/TCP|UDP]}; the message says what is wrong. */
  public static TraceRequest parse(String address, String fromPod, String node) {
    Matcher m = ADDRESS.matcher(address.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("expected IP:PORT[/TCP|/UDP], e.g. 127.96.0.10:53/UDP, got \"" + address + "\"");
    }
    int port = Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) throw new IllegalArgumentException("port " + port + " is outside 1-65535");
    String protocol = m.group(3) == null ? "TCP" : m.group(3).toUpperCase();
    return new TraceRequest(m.group(1), port, protocol, fromPod, node);
  }

  public String address() {
    return ip + ":" + port + "/" + protocol;
  }
}
