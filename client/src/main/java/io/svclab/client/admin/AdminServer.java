package io.svclab.client.admin;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP endpoint of every svclab process: {@code /metrics} (Prometheus text, JVM
 * metrics included), {@code /healthz} (liveness) and {@code /readyz} (readiness), each
 * 200 "ok" or 503 by its supplier. Metrics recorded on the given registry (by default
 * {@link PrometheusRegistry#defaultRegistry}) show up here.
 */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

  private final HTTPServer server;
  private final String host;

  private AdminServer(HTTPServer server, String host) {
    this.server = server;
    this.host = host;
  }

  public static AdminServer start(String host, int port, BooleanSupplier healthy, BooleanSupplier ready)
      throws IOException {
    return start(host, port, PrometheusRegistry.defaultRegistry, healthy, ready);
  }

  /** Binds {@code host:port} (port 0 picks a free one, see {@link #port()}) and serves. */
  public static AdminServer start(String host, int port, PrometheusRegistry registry,
      BooleanSupplier healthy, BooleanSupplier ready) throws IOException {
    JvmMetrics.builder().register(registry); // once per registry, repeated calls are no-ops
    HTTPServer server = HTTPServer.builder()
        .hostname(host).port(port).registry(registry)
        .defaultHandler(exchange -> handle(exchange, healthy, ready))
        .buildAndStart();
    AdminServer admin = new AdminServer(server, host);
    log.info("admin endpoint on http://{}:{} (/metrics, /healthz, /readyz)", host, admin.port());
    return admin;
  }

  private static void handle(HttpExchange exchange, BooleanSupplier healthy, BooleanSupplier ready)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    switch (path) {
      case "/healthz", "/livez" -> respond(exchange, check(healthy), check(healthy) == 200 ? "ok" : "unhealthy");
      case "/readyz" -> respond(exchange, check(ready), check(ready) == 200 ? "ok" : "not ready");
      default -> respond(exchange, 404, "not found; try /metrics, /healthz, /readyz");
    }
  }

  private static int check(BooleanSupplier probe) {
    try {
      return probe.getAsBoolean() ? 200 : 503;
    } catch (RuntimeException e) {
      return 503;
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    boolean head = "HEAD".equalsIgnoreCase(exchange.getRequestMethod());
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
    exchange.close();
  }

  /** The bound port (the real one when started with port 0). */
  public int port() {
    return server.getPort();
  }

  public String host() {
    return host;
  }

  @Override
  public void close() {
    server.close();
  }
}
