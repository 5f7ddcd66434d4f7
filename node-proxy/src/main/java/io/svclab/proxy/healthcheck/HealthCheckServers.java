package io.svclab.proxy.healthcheck;

import com.sun.net.httpserver.HttpServer;
import io.svclab.proxy.snapshot.ProxySnapshot.HealthCheck;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP server per LoadBalancer + externalTrafficPolicy Local Service, on
 * {@code nodeIp:healthCheckNodePort}, answering {@link HealthCheckResponse} on every path.
 * {@link #sync} starts, updates and stops them to match a snapshot.
 */
public final class HealthCheckServers implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthCheckServers.class);

  private final String nodeIp;
  private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
    Thread t = new Thread(r, "healthcheck-http");
    t.setDaemon(true);
    return t;
  });
  private final Map<String, Running> servers = new HashMap<>();
  private final Set<String> failed = new HashSet<>();

  private record Running(HttpServer server, int port, AtomicReference<HealthCheck> state) {}

  public HealthCheckServers(String nodeIp) {
    this.nodeIp = nodeIp;
  }

  public synchronized void sync(Map<String, HealthCheck> wanted) {
    servers.entrySet().removeIf(e -> {
      HealthCheck w = wanted.get(e.getKey());
      if (w != null && w.port() == e.getValue().port()) return false;
      e.getValue().server().stop(0);
      log.info("health check for {} on {}:{} stopped", e.getKey(), nodeIp, e.getValue().port());
      return true;
    });
    failed.retainAll(wanted.keySet());
    wanted.forEach((service, check) -> {
      Running running = servers.get(service);
      if (running != null) {
        running.state().set(check);
        return;
      }
      AtomicReference<HealthCheck> state = new AtomicReference<>(check);
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress(nodeIp, check.port()), 64);
        server.createContext("/", exchange -> {
          HealthCheckResponse r = HealthCheckResponse.of(state.get());
          HttpResponses.json(exchange, r.status(), r.body());
        });
        server.setExecutor(executor);
        server.start();
        servers.put(service, new Running(server, check.port(), state));
        failed.remove(service);
        log.info("health check for {} on http://{}:{}/ ({} local endpoints)", service, nodeIp, check.port(),
            check.localEndpoints());
      } catch (IOException e) {
        if (failed.add(service)) {
          log.warn("cannot serve the health check for {} on {}:{}: {}", service, nodeIp, check.port(), e.toString());
        }
      }
    });
  }

  @Override
  public synchronized void close() {
    servers.values().forEach(r -> r.server().stop(0));
    servers.clear();
    executor.shutdownNow();
  }
}
