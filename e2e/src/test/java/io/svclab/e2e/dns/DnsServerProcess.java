package io.svclab.e2e.dns;

import io.svclab.e2e.harness.Lab;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real dns-server JVM. Until the cli depends on svclab-dns-server, its classes and
 * dependencies come from dns-server/target (the module's package phase copies them to lib/);
 * build them with {@code mvn -pl dns-server,e2e -am install}.
 */
final class DnsServerProcess implements AutoCloseable {
  final int port;
  final int adminPort;
  private final Process process;
  private final Path log;

  private DnsServerProcess(Process process, int port, int adminPort, Path log) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.log = log;
  }

  static List<String> command(List<String> args) {
    List<String> cmd = new ArrayList<>(Lab.javaCommand("dns-server", "io.svclab.dns.DnsServerMain", args));
    int cp = cmd.indexOf("-cp") + 1;
    Path target = Lab.root().resolve("dns-server/target");
    try (var files = Files.list(target)) {
      Path jar = files.filter(p -> p.getFileName().toString().matches("svclab-dns-server-.*\\.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("dns-server not packaged under " + target
              + "; run mvn -pl dns-server,e2e -am install"));
      cmd.set(cp, jar + ":" + target.resolve("lib") + "/*:" + cmd.get(cp));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return cmd;
  }

  static DnsServerProcess start(Path dir, String apiTarget, String... extra) throws Exception {
    int port = Lab.freePort();
    int admin = Lab.freePort();
    List<String> args = new ArrayList<>(List.of("--api", apiTarget, "--listen", "127.0.0.1:" + port,
        "--admin-port", Integer.toString(admin)));
    args.addAll(List.of(extra));
    Path log = dir.resolve("dns-server-test.log");
    Process p = new ProcessBuilder(command(args)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    DnsServerProcess server = new DnsServerProcess(p, port, admin, log);
    server.awaitReady();
    return server;
  }

  int httpStatus(String path) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + adminPort + path).toURL().openConnection();
      c.setConnectTimeout(500);
      c.setReadTimeout(1000);
      return c.getResponseCode();
    } catch (IOException e) {
      return -1;
    }
  }

  String http(String path) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + adminPort + path).toURL().openConnection();
    try (var in = c.getInputStream()) {
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("dns-server exited " + process.exitValue() + ":\n" + Files.readString(log));
      }
      if (httpStatus("/ready") == 200) return;
      Thread.sleep(50);
    }
    throw new IllegalStateException("dns-server not ready within 30 s:\n" + Files.readString(log));
  }

  /** SIGTERM; the exit code. */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("dns-server did not stop within 10 s");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
