package io.svclab.e2e.harness;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.svclab.client.admin.ApiChannels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real apiserver JVM on free ports with its own data dir, which tests can kill and restart. */
public final class ApiServerProcess implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private final int adminPort;
  private final int restPort;
  private final List<String> extraArgs;
  private Process process;
  private ManagedChannel channel;

  public ApiServerProcess(Path dataDir, String... extraArgs) {
    this.dataDir = dataDir;
    this.port = Lab.freePort();
    this.adminPort = Lab.freePort();
    this.restPort = Lab.freePort();
    this.extraArgs = List.of(extraArgs);
  }

  public ApiServerProcess start() throws IOException, InterruptedException {
    List<String> args = new java.util.ArrayList<>(List.of("--data", dataDir.toString(), "--port", Integer.toString(port),
        "--admin-port", Integer.toString(adminPort), "--rest-port", Integer.toString(restPort)));
    args.addAll(extraArgs);
    process = new ProcessBuilder(Lab.javaCommand("apiserver", "io.svclab.apiserver.ApiServerMain", args))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("apiserver-test.log").toFile()))
        .start();
    awaitServing();
    return this;
  }

  private void awaitServing() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("apiserver exited with " + process.exitValue() + "; see "
            + dataDir.resolve("apiserver-test.log"));
      }
      try {
        HealthCheckResponse r = HealthGrpc.newBlockingStub(channel()).withDeadlineAfter(500, TimeUnit.MILLISECONDS)
            .check(HealthCheckRequest.getDefaultInstance());
        // the HTTPS port is up once its kubeconfig is written (the gRPC health says SERVING before that)
        if (r.getStatus() == HealthCheckResponse.ServingStatus.SERVING && java.nio.file.Files.exists(kubeconfig())) {
          return;
        }
      } catch (RuntimeException e) {
        // not up yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("apiserver did not become healthy within 20 s");
  }

  public String target() {
    return "127.0.0.1:" + port;
  }

  public int port() { return port; }

  public int adminPort() { return adminPort; }

  /** The Kubernetes-compatible HTTPS port kubectl uses. */
  public int restPort() { return restPort; }

  /** The kubeconfig the apiserver wrote for its HTTPS port. */
  public Path kubeconfig() { return dataDir.resolve("kubeconfig"); }

  public synchronized ManagedChannel channel() {
    if (channel == null) {
      channel = ApiChannels.forTarget(target());
    }
    return channel;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed beyond what was committed. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(60, TimeUnit.SECONDS);
  }

  /** SIGTERM and wait; returns the exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("apiserver did not stop within 60 s of SIGTERM");
    }
    return process.exitValue();
  }

  public long pid() { return process.pid(); }

  public boolean alive() { return process.isAlive(); }

  @Override
  public void close() throws InterruptedException {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
