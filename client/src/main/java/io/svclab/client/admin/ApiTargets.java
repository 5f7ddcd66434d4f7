package io.svclab.client.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A list of apiserver addresses as {@code --api} takes it: {@code 127.0.0.1:6443,127.0.0.1:6453},
 * one {@code unix:/path/to/socket}, or etcd-style URLs {@code http://127.0.0.1:2379,...} (the scheme is
 * dropped; plaintext only). A channel over more than one address fails over between them
 * ({@link ApiChannels}). Errors use Go's {@code net.SplitHostPort} wording, as kube-apiserver's
 * {@code --etcd-servers} and client-go do.
 */
public record ApiTargets(List<ApiTarget> targets) {
  private static final String HTTP = "http://";

  public ApiTargets {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("no API address given");
    }
  }

  /** Parses a comma-separated list; throws {@link IllegalArgumentException} naming the bad entry. */
  public static ApiTargets parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("no API address given");
    }
    List<ApiTarget> parsed = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      String entry = raw.strip();
      if (entry.isEmpty()) {
        throw new IllegalArgumentException("empty address in list \"" + text + "\"");
      }
      parsed.add(parseOne(entry));
    }
    if (parsed.size() > 1 && parsed.stream().anyMatch(t -> t instanceof ApiTarget.Unix)) {
      // one channel has one transport kind; a Unix socket and TCP addresses cannot share it
      throw new IllegalArgumentException("a unix: socket cannot be listed with other addresses: \"" + text + "\"");
    }
    if (parsed.stream().distinct().count() < parsed.size()) {
      throw new IllegalArgumentException("duplicate address in list \"" + text + "\"");
    }
    return new ApiTargets(parsed);
  }

  private static ApiTarget parseOne(String entry) {
    if (entry.startsWith("unix:")) {
      if (entry.length() == "unix:".length()) {
        throw new IllegalArgumentException("address " + entry + ": missing socket path");
      }
      return new ApiTarget.Unix(entry);
    }
    String hostPort = entry;
    if (entry.regionMatches(true, 0, HTTP, 0, HTTP.length())) {
      hostPort = entry.substring(HTTP.length());
      if (hostPort.endsWith("/")) {
        hostPort = hostPort.substring(0, hostPort.length() - 1);
      }
      if (hostPort.contains("/")) {
        throw new IllegalArgumentException("address " + entry + ": a path is not allowed");
      }
    } else if (entry.contains("://")) {
      throw new IllegalArgumentException("address " + entry + ": unsupported scheme (plaintext http:// only)");
    }
    return splitHostPort(hostPort);
  }

  /** Go's net.SplitHostPort, then the port as a number in 1..65535. */
  private static ApiTarget.Tcp splitHostPort(String hostPort) {
    String host;
    String port;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("address " + hostPort + ": missing ']' in address");
      }
      if (close + 1 == hostPort.length()) {
        throw new IllegalArgumentException("address " + hostPort + ": missing port in address");
      }
      if (hostPort.charAt(close + 1) != ':') {
        throw new IllegalArgumentException("address " + hostPort + ": missing port in address");
      }
      host = hostPort.substring(1, close);
      port = hostPort.substring(close + 2);
    } else {
      int colon = hostPort.lastIndexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("address " + hostPort + ": missing port in address");
      }
      if (hostPort.indexOf(':') != colon) {
        throw new IllegalArgumentException("address " + hostPort + ": too many colons in address");
      }
      host = hostPort.substring(0, colon);
      port = hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("address " + hostPort + ": missing host in address");
    }
    return new ApiTarget.Tcp(host, portNumber(hostPort, port));
  }

  private static int portNumber(String hostPort, String port) {
    if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException("address " + hostPort + ": invalid port");
    }
    int n = Integer.parseInt(port);
    if (n < 1 || n > 65535) {
      throw new IllegalArgumentException("address " + hostPort + ": invalid port");
    }
    return n;
  }

  public boolean single() {
    return targets.size() == 1;
  }

  /** The TCP addresses in order (empty for a Unix socket). */
  public List<ApiTarget.Tcp> tcp() {
    return targets.stream().filter(ApiTarget.Tcp.class::isInstance).map(ApiTarget.Tcp.class::cast).toList();
  }

  /** The canonical form, {@code host:port,host:port}: what {@link #parse} reads back. */
  @Override
  public String toString() {
    return targets.stream().map(ApiTarget::toString).collect(Collectors.joining(","));
  }
}
