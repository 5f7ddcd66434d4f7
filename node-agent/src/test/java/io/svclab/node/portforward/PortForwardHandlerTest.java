package io.svclab.node.portforward;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handler over real sockets: a JDK HTTP server as in KubeletServer, a TCP "pod", a raw HTTP/1.1 client. */
class PortForwardHandlerTest {
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private HttpServer server;
  private ServerSocket podSocket;

  @BeforeEach
  void start() throws IOException {
    podSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Pod pod = Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("echo").setNamespace("demo").setUid("u1"))
        .setStatus(PodStatus.newBuilder().setPodIp("127.0.0.1")).build();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(threads);
    server.createContext("/portForward/", new PortForwardHandler(
        (ns, name) -> ns.equals("demo") && name.equals("echo") ? Optional.of(pod) : Optional.empty())::handle);
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.stop(0);
    podSocket.close();
    threads.shutdownNow();
  }

  /** A pod that answers each line and, once the client half-closes, says how many lines it got. */
  private void servePodOnce() {
    threads.execute(() -> {
      try (Socket s = podSocket.accept()) {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
        int lines = 0;
        for (String l = in.readLine(); l != null; l = in.readLine()) {
          lines++;
          out.println("echo: " + l);
        }
        out.println("lines: " + lines);
      } catch (IOException e) {
        // the test fails on what it reads
      }
    });
  }

  private Socket post(String path) throws IOException {
    Socket c = new Socket(InetAddress.getLoopbackAddress(), server.getAddress().getPort());
    c.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: node\r\nTransfer-Encoding: chunked\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    return c;
  }

  private static void chunk(OutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** The answer's chunk payloads joined, or the plain body of a refusal, after its status line. */
  private static List<String> readUntil(BufferedReader in, String last) throws IOException {
    List<String> seen = new ArrayList<>();
    for (String l = in.readLine(); l != null; l = in.readLine()) {
      seen.add(l);
      if (l.contains(last)) {
        break;
      }
    }
    return seen;
  }

  /** The body of a fixed-length answer (a refusal), after its status line. */
  private static String body(BufferedReader in) throws IOException {
    int length = 0;
    for (String l = in.readLine(); l != null && !l.isEmpty(); l = in.readLine()) {
      if (l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(l.substring("content-length:".length()).strip());
      }
    }
    char[] b = new char[length];
    int n = 0;
    while (n < length) {
      int r = in.read(b, n, length - n);
      if (r < 0) {
        break;
      }
      n += r;
    }
    return new String(b, 0, n);
  }

  @Test
  void bytesFlowBothWaysWhileTheExchangeIsOpenAndTheClientsEndReachesThePod() throws IOException {
    servePodOnce();
    try (Socket c = post("/portForward/demo/echo?port=" + podSocket.getLocalPort())) {
      BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
      chunk(c.getOutputStream(), "one\n");
      assertThat(readUntil(in, "echo: one")).last().isEqualTo("echo: one");
      chunk(c.getOutputStream(), "two\n");
      assertThat(readUntil(in, "echo: two")).last().isEqualTo("echo: two");
      c.getOutputStream().write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      c.getOutputStream().flush();
      assertThat(readUntil(in, "lines: ")).last().isEqualTo("lines: 2");
    }
  }

  @Test
  void nothingListeningIsKubeletsErrorText() throws IOException {
    int closedPort = podSocket.getLocalPort();
    podSocket.close();
    try (Socket c = post("/portForward/demo/echo?port=" + closedPort)) {
      BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 500 Internal Server Error");
      assertThat(body(in)).isEqualTo("error forwarding port " + closedPort + " to pod u1, uid : failed to connect to 127.0.0.1:"
              + closedPort + " inside the pod's network: dial tcp4 127.0.0.1:" + closedPort
              + ": connect: connection refused");
    }
  }

  @Test
  void anUnknownPodIsNotFound() throws IOException {
    try (Socket c = post("/portForward/demo/gone?port=80")) {
      BufferedReader in = new BufferedReader(new InputStreamReader(c.getInputStream(), StandardCharsets.UTF_8));
      assertThat(in.readLine()).isEqualTo("HTTP/1.1 404 Not Found");
      assertThat(body(in)).isEqualTo("pod not found (\"gone_demo\")");
    }
  }
}
