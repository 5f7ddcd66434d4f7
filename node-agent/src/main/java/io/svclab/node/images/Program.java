package io.svclab.node.images;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What a container's argv means for a built-in image. */
public sealed interface Program {
  /** A network server of one of the built-in kinds. */
  record Serve(ServerKind kind, int httpPort, int udpPort, Map<String, String> options) implements Program {}

  /** Does nothing until stopped ({@code sleep infinity}, {@code pause}); or for a while, then exits 0. */
  record Idle(Duration duration) implements Program {}

  /** A {@code sh -c} script. */
  record Shell(String script, List<String> positional) implements Program {}

  /** Runs to completion at once with this exit code and output (echo, true, nginx without daemon off). */
  record Exit(int code, List<String> output) implements Program {}

  /** Something this image cannot run here: the container fails with this message. */
  record Unsupported(int exitCode, String message) implements Program {}

  enum ServerKind { NGINX, HTTPD, NETEXEC, LIVENESS, SERVE_HOSTNAME, ECHOSERVER, EALEN_ECHO, HTTP_ECHO }
}
