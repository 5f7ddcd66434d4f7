package io.svclab.dns.server;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The admin port: {@code /metrics} (Prometheus), CoreDNS' {@code /health} (200 "OK" while the
 * process runs) and {@code /ready} (200 "OK" once the informers have synced, else 503 naming
 * the plugin not ready, "kubernetes"), plus svclab's {@code /healthz} and {@code /readyz}.
 */
public final class DnsAdmin implements AutoCloseable {
  private final HTTPServer server;

  private DnsAdmin(HTTPServer server) {
    this.server = server;
  }

  public static DnsAdmin start(String host, int port, PrometheusRegistry registry, BooleanSupplier ready)
      throws IOException {
    JvmMetrics.builder().register(registry);
    HTTPServer server = HTTPServer.builder().hostname(host).port(port).registry(registry)
        .defaultHandler(exchange -> handle(exchange, ready)).buildAndStart();
    return new DnsAdmin(server);
  }

  private static void handle(HttpExchange exchange, BooleanSupplier ready) throws IOException {
    boolean isReady;
    try {
      isReady = ready.getAsBoolean();
    } catch (RuntimeException e) {
      isReady = false;
    }
    switch (exchange.getRequestURI().getPath()) {
      case "/health" -> respond(exchange, 200, "OK");
      case "/ready" -> respond(exchange, isReady ? 200 : 503, isReady ? "OK" : "kubernetes");
      case "/healthz", "/livez" -> respond(exchange, 200, "ok");
      case "/readyz" -> respond(exchange, isReady ? 200 : 503, isReady ? "ok" : "not ready");
      default -> respond(exchange, 404, "not found; try /metrics, /health, /ready, /healthz, /readyz");
    }
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
    exchange.close();
  }

  public int port() {
    return server.getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}
