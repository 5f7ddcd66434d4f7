package io.svclab.node.images;

import java.util.List;

/**
 * The images the node-agent can run, each with the entrypoint and command its real image
 * declares (so a pod's {@code command}/{@code args} combine with them as a runtime would).
 */
public enum BuiltinImage {
  NGINX(List.of("/docker-entrypoint.sh"), List.of("nginx", "-g", "daemon off;")),
  HTTPD(List.of(), List.of("httpd-foreground")),
  AGNHOST(List.of("/agnhost"), List.of("pause")),
  SERVE_HOSTNAME(List.of("/serve_hostname"), List.of()),
  ECHOSERVER(List.of(), List.of("nginx", "-g", "daemon off;")),
  EALEN_ECHO_SERVER(List.of("/usr/local/bin/node", "webserver"), List.of()),
  HTTP_ECHO(List.of("/http-echo"), List.of()),
  PAUSE(List.of("/pause"), List.of()),
  /** busybox, curl, alpine, netshoot: shells and tools; with no command they idle like sleep. */
  TOOLBOX(List.of(), List.of("sleep", "infinity"));

  private final List<String> entrypoint;
  private final List<String> cmd;

  BuiltinImage(List<String> entrypoint, List<String> cmd) {
    this.entrypoint = entrypoint;
    this.cmd = cmd;
  }

  public List<String> entrypoint() { return entrypoint; }

  public List<String> cmd() { return cmd; }
}
