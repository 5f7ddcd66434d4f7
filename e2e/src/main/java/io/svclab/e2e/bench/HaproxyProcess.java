package io.svclab.e2e.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The anchor: Debian's HAProxy in {@code mode tcp}, one frontend on an address of its own and
 * a round-robin backend, run in the foreground ({@code -db}) for one comparison and stopped.
 * Its own defaults otherwise (threads = CPUs, no splice), as an operator would start it.
 */
final class HaproxyProcess implements AutoCloseable {
  private final Process process;

  private HaproxyProcess(Process process) {
    this.process = process;
  }

  static HaproxyProcess start(InetSocketAddress listen, List<InetSocketAddress> backends, Path dir)
      throws IOException, InterruptedException {
    BenchProcesses.ensureCommand("haproxy", "haproxy");
    Path cfg = dir.resolve("haproxy-" + listen.getPort() + ".cfg");
    Files.writeString(cfg, config(listen, backends));
    Path log = dir.resolve("haproxy-" + listen.getPort() + ".log");
    Process p = new ProcessBuilder("haproxy", "-db", "-f", cfg.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    try {
      BenchProcesses.awaitPort(listen.getHostString(), listen.getPort(), p, "haproxy");
    } catch (IllegalStateException e) {
      BenchProcesses.stop(p);
      throw new IllegalStateException(e.getMessage() + ": " + Files.readString(log).trim(), e);
    }
    return new HaproxyProcess(p);
  }

  /** A {@code mode tcp} configuration: {@code listen} forwards to the backends, round robin. */
  static String config(InetSocketAddress listen, List<InetSocketAddress> backends) {
    StringBuilder b = new StringBuilder()
        .append("global\n  maxconn 4096\n")
        .append("defaults\n  mode tcp\n  timeout connect 5s\n  timeout client 60s\n  timeout server 60s\n")
        .append("listen bench\n  bind ").append(listen.getHostString()).append(':').append(listen.getPort()).append('\n')
        .append("  balance roundrobin\n");
    for (int i = 0; i < backends.size(); i++) {
      InetSocketAddress s = backends.get(i);
      b.append("  server s").append(i + 1).append(' ').append(s.getHostString()).append(':').append(s.getPort()).append('\n');
    }
    return b.toString();
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    BenchProcesses.stop(process);
  }
}
