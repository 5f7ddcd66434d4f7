package io.svclab.cloudlb.balancer;

import io.svclab.cloudlb.CloudLbMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes {@code http://<node>:<healthCheckNodePort>/healthz} every interval, as cloud load
 * balancers do for externalTrafficPolicy Local: 200 means the node has local endpoints.
 * A target is unhealthy until its first probe answers 200.
 */
public final class HealthChecks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HealthChecks.class);

  public record Target(String address, int port) {}

  private final Duration interval;
  private final CloudLbMetrics metrics;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final Set<Target> targets = ConcurrentHashMap.newKeySet();
  private final Map<Target, Boolean> healthy = new ConcurrentHashMap<>();

  public HealthChecks(Duration interval, CloudLbMetrics metrics) {
    this.interval = interval;
    this.metrics = metrics;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(Math.min(1000, interval.toMillis()))).build();
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "health-checks");
      t.setDaemon(true);
      return t;
    });
  }

  public HealthChecks start() {
    timer.scheduleWithFixedDelay(this::probeAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Replaces the probed set; new targets are probed at once. */
  public void watch(Set<Target> wanted) {
    targets.retainAll(wanted);
    healthy.keySet().retainAll(wanted);
    for (Target t : wanted) {
      if (targets.add(t)) {
        timer.execute(() -> probe(t));
      }
    }
  }

  public boolean isHealthy(String address, int port) {
    return healthy.getOrDefault(new Target(address, port), false);
  }

  private void probeAll() {
    for (Target t : Set.copyOf(targets)) {
      probe(t);
    }
  }

  private void probe(Target t) {
    boolean ok;
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + t.address() + ":" + t.port() + "/healthz"))
          .timeout(Duration.ofMillis(Math.min(1000, interval.toMillis()))).build(), HttpResponse.BodyHandlers.discarding());
      ok = r.statusCode() == 200;
    } catch (java.io.IOException e) {
      ok = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (!targets.contains(t)) return;
    Boolean before = healthy.put(t, ok);
    metrics.healthCheck(t.address(), t.port(), ok);
    if (before == null || before != ok) {
      log.info("health check http://{}:{}/healthz: {}", t.address(), t.port(), ok ? "healthy" : "unhealthy");
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
