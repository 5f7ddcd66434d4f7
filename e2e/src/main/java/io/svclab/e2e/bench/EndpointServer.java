package io.svclab.e2e.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The pods of the readiness benchmark, as one HTTP server on {@code 0.0.0.0:port}: every 127/8
 * address is local, so a connection to any pod IP on that port lands here, and the answer is
 * the address it was made to. A probe through a ClusterIP thus learns which endpoint it reached.
 */
final class EndpointServer implements AutoCloseable {
  private final HttpServer server;

  private EndpointServer(HttpServer server) {
    this.server = server;
  }

  static EndpointServer start(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("0.0.0.0", port), 256);
    server.createContext("/", exchange -> {
      byte[] body = exchange.getLocalAddress().getAddress().getHostAddress().getBytes(StandardCharsets.US_ASCII);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return new EndpointServer(server);
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
