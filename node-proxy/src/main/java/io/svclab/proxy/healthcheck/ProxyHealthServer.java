package io.svclab.proxy.healthcheck;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The proxy's own {@code /healthz} and {@code /livez} (kube-proxy's {@code --healthz-bind-address},
 * port 10256): 200 once the first sync has been applied and no change has waited longer than
 * {@code staleAfter} for a sync; 503 otherwise. Body as kube-proxy:
 * {@code {"lastUpdated":..., "currentTime":..., "nodeEligible":true}}.
 */
public final class ProxyHealthServer implements AutoCloseable {
  /** What the sync loop reports: last successful sync, and since when a change is pending (null if none). */
  public record SyncState(Instant lastUpdated, Instant pendingSince) {}

  private final HttpServer server;

  public ProxyHealthServer(String host, int port, Supplier<SyncState> state, Duration staleAfter, Clock clock)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(host, port), 64);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals("/healthz") && !path.equals("/livez")) {
        HttpResponses.json(exchange, 404, "{\"error\":\"not found; try /healthz\"}");
        return;
      }
      SyncState s = state.get();
      Instant now = clock.instant();
      boolean healthy = s.lastUpdated() != null
          && (s.pendingSince() == null || Duration.between(s.pendingSince(), now).compareTo(staleAfter) <= 0);
      String body = "{\"lastUpdated\":\"" + (s.lastUpdated() == null ? "" : s.lastUpdated()) + "\",\"currentTime\":\""
          + now + "\",\"nodeEligible\":true}";
      HttpResponses.json(exchange, healthy ? 200 : 503, body);
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
