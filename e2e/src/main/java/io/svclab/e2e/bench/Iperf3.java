package io.svclab.e2e.bench;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** {@code iperf3}: a server bound to one address, and client runs whose JSON report gives the throughput. */
final class Iperf3 {
  private Iperf3() {}

  /** {@code iperf3 -s} on {@code ip:port} in the foreground; stop it with {@link BenchProcesses#stop}. */
  static Process server(String ip, int port, Path log) throws IOException, InterruptedException {
    BenchProcesses.ensureCommand("iperf3", "iperf3");
    Process p = new ProcessBuilder("iperf3", "-s", "-B", ip, "-p", Integer.toString(port)).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    BenchProcesses.awaitPort(ip, port, p, "iperf3 -s");
    return p;
  }

  /**
   * One {@code iperf3 -c} run of {@code seconds} with one stream; the received throughput in
   * Gbit/s. iperf3 -s re-opens its listening socket after a client it did not like (a readiness
   * probe), so a refused or reset start is tried again, at most 3 times, 1 s apart.
   */
  static double gbits(String ip, int port, int seconds) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return run(ip, port, seconds);
      } catch (IllegalStateException e) {
        if (attempt >= 3 || !e.getMessage().contains("unable to")) throw e;
        System.out.println("  iperf3 " + ip + ":" + port + " attempt " + attempt + ": " + e.getMessage() + "; again in 1 s");
        Thread.sleep(1000);
      }
    }
  }

  private static double run(String ip, int port, int seconds) throws IOException, InterruptedException {
    Path report = Files.createTempFile("iperf3-", ".json");
    try {
      Process p = new ProcessBuilder(List.of("iperf3", "-c", ip, "-p", Integer.toString(port), "-t",
          Integer.toString(seconds), "-P", "1", "-J", "--connect-timeout", "3000")).redirectErrorStream(true)
          .redirectOutput(report.toFile()).start();
      if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("iperf3 -c " + ip + ":" + port + " did not finish");
      }
      return parseGbits(Files.readString(report));
    } finally {
      Files.deleteIfExists(report);
    }
  }

  /** The receiver's throughput from {@code iperf3 -J}; throws with iperf3's own error when the run failed. */
  static double parseGbits(String json) {
    JsonObject root = JsonParser.parseString(json).getAsJsonObject();
    if (root.has("error")) throw new IllegalStateException("iperf3: " + root.get("error").getAsString());
    JsonObject received = root.getAsJsonObject("end").getAsJsonObject("sum_received");
    if (received == null) throw new IllegalArgumentException("iperf3 report without end.sum_received");
    return received.get("bits_per_second").getAsDouble() / 1e9;
  }
}
