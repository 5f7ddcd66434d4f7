package io.svclab.e2e.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** One etcd member (Debian's etcd-server) on 127.0.0.1 with its own data dir: what the api benchmark's etcd rows stand on. */
final class EtcdProcess implements AutoCloseable {
  private final Process process;
  private final int clientPort;

  EtcdProcess(Path dir) throws Exception {
    BenchProcesses.ensureCommand("etcd", "etcd-server");
    Files.createDirectories(dir);
    clientPort = BenchProcesses.freePort();
    int peer = BenchProcesses.freePort();
    process = new ProcessBuilder("etcd", "--name", "bench", "--data-dir", dir.resolve("etcd").toString(),
        "--listen-client-urls", "http://127.0.0.1:" + clientPort, "--advertise-client-urls", "http://127.0.0.1:" + clientPort,
        "--listen-peer-urls", "http://127.0.0.1:" + peer, "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
        "--initial-cluster", "bench=http://127.0.0.1:" + peer, "--log-level", "error")
        .redirectErrorStream(true).redirectOutput(dir.resolve("etcd.log").toFile()).start();
    BenchProcesses.awaitPort(clientPort, process, "etcd");
  }

  int clientPort() {
    return clientPort;
  }

  /** As the apiserver's {@code --storage} takes it. */
  String endpoint() {
    return "http://127.0.0.1:" + clientPort;
  }

  @Override
  public void close() throws Exception {
    BenchProcesses.stop(process);
  }
}
