package io.svclab.proxy.userspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A real listener relaying to a real endpoint on loopback that sends back what it received and
 * closes: small and bulk transfers alike arrive complete and in order, the endpoint's EOF
 * reaches the client only after the last byte (the case where a splice(2) relay built on
 * Netty's spliceTo loses the tail), and the bytes are counted.
 */
class TcpListenerRelayTest {
  static final int UNTIL_EOF = -1;
  static final int RESET = -2;
  ServerSocket echo;
  Thread echoThread;
  Transport transport;
  TcpListener listener;
  PrometheusRegistry registry;

  @BeforeEach
  void start() throws Exception {
    echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    echoThread = new Thread(() -> {
      // one connection at a time: a length, that many bytes, all sent back, then close (EOF);
      // UNTIL_EOF: everything up to the client's FIN, sent back after it; RESET: a RST at once
      while (!echo.isClosed()) {
        try (Socket s = echo.accept()) {
          DataInputStream in = new DataInputStream(s.getInputStream());
          int length = in.readInt();
          if (length == RESET) {
            s.setSoLinger(true, 0);
            continue;
          }
          byte[] got = length == UNTIL_EOF ? in.readAllBytes() : in.readNBytes(length);
          s.getOutputStream().write(got);
          s.getOutputStream().flush();
        } catch (Exception e) {
          // closed
        }
      }
    });
    echoThread.setDaemon(true);
    echoThread.start();
    transport = new Transport(2);
    registry = new PrometheusRegistry();
    Endpoint ep = new Endpoint("127.0.0.1", echo.getLocalPort(), "node-1", true, true, false, true);
    ServicePortInfo port = new ServicePortInfo(new ServicePortName("default", "echo", "", "TCP"), "127.0.0.1", 0, "TCP",
        0, List.of(), List.of(), false, false, 0, null, List.of(ep));
    Route route = new Route(port, EndpointSelector.Traffic.INTERNAL, List.of(ep), Set.of(ep.address()));
    int listenPort;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      listenPort = free.getLocalPort();
    }
    listener = new TcpListener(new ListenKey("127.0.0.1", listenPort, "TCP"), route, transport,
        (r, client, exclude) -> r.candidates().isEmpty() ? null : r.candidates().get(0), new SourceBinder(null, null),
        new ProxyMetrics(registry));
    listener.bind();
  }

  @AfterEach
  void stop() throws Exception {
    listener.close();
    transport.close();
    echo.close();
  }

  static Stream<Arguments> transfers() {
    return Stream.of(
        Arguments.of("one small request", 100, 100),
        Arguments.of("many small writes", 64 * 200, 200),
        Arguments.of("16 MiB bulk stream", 16 << 20, 256 * 1024),
        Arguments.of("3 MiB plus an odd tail, EOF right behind it", (3 << 20) + 12_345, 64 * 1024));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transfers")
  void everyByteComesBackInOrderAndIsCounted(String name, int size, int writeSize) throws Exception {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.key.port())) {
      s.setSoTimeout(10_000);
      CompletableFuture<Void> writer = send(s, size, data, writeSize, false);
      InputStream in = s.getInputStream();
      byte[] back = in.readAllBytes();  // ends at the EOF the proxy passes on once the endpoint closes
      writer.get(60, TimeUnit.SECONDS);
      assertThat(back.length).isEqualTo(size);
      assertThat(Arrays.equals(back, data)).as("bytes identical and in order").isTrue();
    }
    // counted once per read batch, so exact once the connection is done
    assertThat(bytes("to_endpoint", size + 4)).isEqualTo(size + 4);
    assertThat(bytes("to_client", size)).isEqualTo(size);
  }

  /**
   * A client that half-closes (sends its FIN after the request, as {@code nc -N} or an upload
   * does) still gets the whole answer: the FIN reaches the endpoint as a FIN, not as the end of
   * the connection, and the endpoint's reply and its own FIN come back after it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("transfers")
  void aClientsHalfCloseReachesTheEndpointAndTheAnswerStillArrives(String name, int size, int writeSize) throws Exception {
    byte[] data = new byte[size];
    new Random(size).nextBytes(data);
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.key.port())) {
      s.setSoTimeout(10_000);
      CompletableFuture<Void> writer = send(s, UNTIL_EOF, data, writeSize, true);
      byte[] back = s.getInputStream().readAllBytes();
      writer.get(60, TimeUnit.SECONDS);
      assertThat(back.length).isEqualTo(size);
      assertThat(Arrays.equals(back, data)).as("bytes identical and in order").isTrue();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> listener.openConnections() == 0);
  }

  /** An endpoint that resets its connection resets the client's too (a RST, not a clean EOF). */
  @Test
  void anEndpointsResetResetsTheClient() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.key.port())) {
      s.setSoTimeout(10_000);
      new DataOutputStream(s.getOutputStream()).writeInt(RESET);
      assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketException.class)
          .hasMessageContaining("reset");
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> listener.openConnections() == 0);
  }

  /** A client that resets its connection ends the endpoint's: the endpoint reads an end, not a hang. */
  @Test
  void aClientsResetEndsTheEndpointConnection() throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.key.port())) {
      new DataOutputStream(s.getOutputStream()).writeInt(UNTIL_EOF);
      await().atMost(Duration.ofSeconds(30)).until(() -> listener.openConnections() == 1);
      s.setSoLinger(true, 0);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> listener.openConnections() == 0);
    // the echo server is free again: it saw the endpoint connection end and serves the next one
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.key.port())) {
      s.setSoTimeout(10_000);
      DataOutputStream out = new DataOutputStream(s.getOutputStream());
      out.writeInt(3);
      out.write(new byte[] {1, 2, 3});
      assertThat(s.getInputStream().readAllBytes()).containsExactly(1, 2, 3);
    }
  }

  /** The counter, once it reaches {@code expected} or after 60 s (the last batch is counted on the event loop). */
  private long bytes(String direction, long expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    long v = 0;
    while (System.nanoTime() < deadline) {
      v = registry.scrape().stream().filter(m -> m.getMetadata().getName().equals("svclab_proxy_bytes"))
          .flatMap(m -> ((CounterSnapshot) m).getDataPoints().stream())
          .filter(d -> d.getLabels().get("direction").equals(direction))
          .mapToLong(d -> (long) d.getValue()).sum();
      if (v >= expected) return v;
      Thread.sleep(20);
    }
    return v;
  }

  /** Writes the echo server's header and then {@code data} in {@code writeSize} pieces, on another thread. */
  private static CompletableFuture<Void> send(Socket s, int header, byte[] data, int writeSize, boolean halfClose) {
    return CompletableFuture.runAsync(() -> {
      try {
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeInt(header);
        for (int off = 0; off < data.length; off += writeSize) out.write(data, off, Math.min(writeSize, data.length - off));
        out.flush();
        if (halfClose) {
          s.shutdownOutput();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }
}
