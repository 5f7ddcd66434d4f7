package io.svclab.e2e.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Network programming latency as a client sees it: from the Service write to the first HTTP
 * response through its ClusterIP. Probes every millisecond; a refused or reset connection
 * (no listener yet, or a listener without endpoints yet) means "not programmed yet".
 */
final class ProgrammingLatency {
  private ProgrammingLatency() {}

  /** One Service: how long its write(s) took to be acknowledged, and to the first answer (-1: none within the bound). */
  record Sample(long writeNanos, long answerNanos) {}

  /** Times {@code write} (returning the new ClusterIP) and probes {@code clusterIP:port} for up to {@code atMost}. */
  static Sample measure(Supplier<String> write, int port, Duration atMost) throws InterruptedException {
    long start = System.nanoTime();
    String clusterIp = write.get();
    long acked = System.nanoTime() - start;
    long answeredAt = probeUntil(start + atMost.toNanos(), () -> answers(clusterIp, port));
    return new Sample(acked, answeredAt < 0 ? -1 : answeredAt - start);
  }

  /**
   * Probes {@code ip:port} every millisecond until the answer's body is
   * {@code body} (the endpoint that must be reached); when it did (nanoTime), or -1 by {@code deadline}.
   */
  static long awaitAnswerFrom(String ip, int port, String body, long deadline) throws InterruptedException {
    return probeUntil(deadline, () -> body.equals(answer(ip, port)));
  }

  /** Probes every millisecond until {@code answered}: when it did (nanoTime), or -1 by {@code deadline}. */
  private static long probeUntil(long deadline, BooleanSupplier answered) throws InterruptedException {
    while (System.nanoTime() < deadline) {
      if (answered.getAsBoolean()) return System.nanoTime();
      Thread.sleep(1);
    }
    return -1;
  }

  /** One HTTP/1.0 GET of {@code /}: the body of a 200 answer, or null (refused, reset, other status). */
  static String answer(String ip, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip, port), 200);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("GET / HTTP/1.0\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(s.getInputStream().readNBytes(4096), StandardCharsets.US_ASCII);
      int bodyAt = response.indexOf("\r\n\r\n");
      return response.matches("(?s)HTTP/1\\.[01] 200 .*") && bodyAt >= 0 ? response.substring(bodyAt + 4) : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** One HTTP/1.0 GET; whether an HTTP status line came back. */
  static boolean answers(String ip, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip, port), 200);
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      out.write("GET /hostname HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      byte[] head = in.readNBytes(9);
      return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.");
    } catch (IOException e) {
      return false;
    }
  }
}
