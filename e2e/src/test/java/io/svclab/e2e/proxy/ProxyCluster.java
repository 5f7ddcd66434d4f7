package io.svclab.e2e.proxy;

import io.svclab.e2e.harness.ComponentProcess;
import io.svclab.e2e.harness.Lab;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Starting node proxies and talking to Services the way a client on the node would. */
final class ProxyCluster {
  private ProxyCluster() {}

  record Proxy(ComponentProcess process, String nodeIp, int healthzPort, int metricsPort) {}

  static Proxy startProxy(String api, String node, String nodeIp, Path dir) throws Exception {
    int healthz = Lab.freePort();
    int metrics = Lab.freePort();
    ComponentProcess p = new ComponentProcess("node-proxy-" + node, "io.svclab.proxy.NodeProxyMain",
        List.of("--api", api, "--node-name", node, "--node-ip", nodeIp, "--healthz-port", Integer.toString(healthz),
            "--metrics-port", Integer.toString(metrics), "--min-sync-period", "100ms", "--mode", "userspace"),
        dir, "http://" + nodeIp + ":" + healthz + "/healthz").start();
    return new Proxy(p, nodeIp, healthz, metrics);
  }

  /** One HTTP/1.0 GET on a fresh connection (so every request is a new proxied connection); the body. */
  static String get(String host, int port, String path, int timeoutMillis) throws IOException {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), timeoutMillis);
      s.setSoTimeout(timeoutMillis);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int body = response.indexOf("\r\n\r\n");
      if (!response.startsWith("HTTP/1.") || body < 0) throw new IOException("not an HTTP response: " + response);
      return response.substring(body + 4).trim();
    }
  }

  /** Outcome of connecting to a Service with no usable endpoints. */
  record Refusal(boolean refused, long millis, String how) {}

  /**
   * Connects and tries to read: a refused connect, a reset, or EOF before any byte all count
   * as refused; data or a timeout does not.
   */
  static Refusal probeRefusal(String host, int port) {
    long start = System.nanoTime();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 10_000); // ceilings only: a refusal comes back at once
      s.setSoTimeout(10_000);
      s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      int b = s.getInputStream().read();
      long ms = (System.nanoTime() - start) / 1_000_000;
      return b < 0 ? new Refusal(true, ms, "EOF") : new Refusal(false, ms, "data");
    } catch (java.net.SocketTimeoutException e) {
      return new Refusal(false, (System.nanoTime() - start) / 1_000_000, "timeout");
    } catch (IOException e) {
      return new Refusal(true, (System.nanoTime() - start) / 1_000_000, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  static String udp(String host, int port, String message, int timeoutMillis) throws IOException {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.setSoTimeout(timeoutMillis);
      byte[] data = message.getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(data, data.length, InetAddress.getByName(host), port));
      byte[] buf = new byte[2048];
      DatagramPacket reply = new DatagramPacket(buf, buf.length);
      socket.receive(reply);
      return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8).trim();
    }
  }
}
