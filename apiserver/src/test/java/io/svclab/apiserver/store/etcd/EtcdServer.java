package io.svclab.apiserver.store.etcd;

import io.svclab.client.admin.ApiChannels;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real single-member etcd (Debian's etcd-server, /usr/bin/etcd) on 127.0.0.1 free ports with
 * its own data dir, for tests; {@link #stop} and {@link #start} again keep the data and the ports.
 */
public final class EtcdServer implements AutoCloseable {
  private final Path dir;
  private final int clientPort;
  private final int peerPort;
  private Process process;

  public EtcdServer(Path dir) throws IOException {
    this.dir = dir;
    this.clientPort = freePort();
    this.peerPort = freePort();
    start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  public int clientPort() {
    return clientPort;
  }

  /** A store of this etcd's under its own key prefix, so tests sharing the member never see each other's keys. */
  public EtcdStorage open(String prefix, int window) {
    return new EtcdStorage(ApiChannels.forTarget("127.0.0.1:" + clientPort), endpoint(),
        new EtcdKeys(prefix), window, Duration.ofSeconds(10), null);
  }

  public void start() throws IOException {
    String peer = "http://127.0.0.1:" + peerPort;
    process = new ProcessBuilder("etcd", "--name", "test", "--data-dir", dir.resolve("etcd").toString(),
        "--listen-client-urls", endpoint(), "--advertise-client-urls", endpoint(),
        "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
        "--initial-cluster", "test=" + peer, "--log-level", "error")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("etcd.log").toFile()))
        .start();
    Awaitility.await("etcd on " + endpoint()).atMost(Duration.ofSeconds(30)).until(this::accepting);
  }

  private boolean accepting() {
    if (!process.isAlive()) {
      throw new IllegalStateException("etcd exited with " + process.exitValue() + ", see " + dir.resolve("etcd.log"));
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", clientPort), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** kill -9, as a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      kill();
    }
  }
}
