package io.svclab.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One etcd member (Debian's etcd-server) on 127.0.0.1 free ports with its own data dir: the api
 * benchmark's anchor and the etcd the storage e2e tests kill and bring back. A restart keeps the
 * data dir and the ports, as a member coming back after a crash.
 */
public final class EtcdProcess implements AutoCloseable {
  private final Path dir;
  private final int clientPort;
  private final int peerPort;
  private Process process;

  private EtcdProcess(Path dir) throws IOException {
    this.dir = dir;
    this.clientPort = BenchProcesses.freePort();
    this.peerPort = BenchProcesses.freePort();
  }

  /** Installs etcd-server if it is missing, starts the member and waits until it listens. */
  public static EtcdProcess start(Path dir) throws IOException, InterruptedException {
    BenchProcesses.ensureCommand("etcd", "etcd-server");
    Files.createDirectories(dir);
    EtcdProcess etcd = new EtcdProcess(dir);
    etcd.restart();
    return etcd;
  }

  /** Starts the member again on the same data dir and ports (after {@link #kill9}). */
  public void restart() throws IOException, InterruptedException {
    String peer = "http://127.0.0.1:" + peerPort;
    process = new ProcessBuilder("etcd", "--name", "svclab", "--data-dir", dir.resolve("etcd").toString(),
        "--listen-client-urls", endpoint(), "--advertise-client-urls", endpoint(),
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "svclab=" + peer, "--log-level", "error")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
        .start();
    BenchProcesses.awaitPort(clientPort, process, "etcd");
  }

  /** The client URL, as {@code --storage etcd:} takes it. */
  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  public int clientPort() {
    return clientPort;
  }

  /** SIGKILL, as a crash. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    BenchProcesses.stop(process);
  }
}
