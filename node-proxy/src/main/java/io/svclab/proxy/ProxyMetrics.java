package io.svclab.proxy;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.GaugeDataPoint;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * The proxy's Prometheus metrics: kube-proxy's names for syncs and network programming
 * latency, svclab's own for per-Service traffic. Thread-safe.
 */
public final class ProxyMetrics {
  private final Histogram syncDuration;
  private final Histogram networkProgramming;
  private final Gauge lastSync;
  private final Counter syncs;
  private final Counter connections;
  private final Counter rejected;
  private final Gauge active;
  private final Counter bytes;
  private final Gauge listeners;
  private final Histogram fullSyncDuration;
  private final Histogram partialSyncDuration;
  private final Counter restoreFailures;
  private final Counter partialRestoreFailures;
  private final Counter nftablesFailures;

  public ProxyMetrics(PrometheusRegistry registry) {
    syncDuration = Histogram.builder().name("kubeproxy_sync_proxy_rules_duration_seconds")
        .help("SyncProxyRules latency in seconds: snapshot build plus applying it to the listeners")
        .classicOnly().classicExponentialUpperBounds(0.001, 2, 15).register(registry);
    networkProgramming = Histogram.builder().name("kubeproxy_network_programming_duration_seconds")
        .help("In Cluster Network Programming Latency in seconds: from the endpoints change "
            + "(endpoints.kubernetes.io/last-change-trigger-time) to the proxy applying it")
        .classicOnly().classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300)
        .register(registry);
    lastSync = Gauge.builder().name("kubeproxy_sync_proxy_rules_last_timestamp_seconds")
        .help("The last time proxy rules were successfully synced").register(registry);
    syncs = Counter.builder().name("svclab_proxy_syncs").help("Proxy syncs by result (success, error)")
        .labelNames("result").register(registry);
    connections = Counter.builder().name("svclab_proxy_connections")
        .help("Connections (TCP) and flows (UDP) forwarded, by Service port").labelNames("service").register(registry);
    rejected = Counter.builder().name("svclab_proxy_rejected_connections")
        .help("Connections reset or datagrams dropped because the Service port had no usable endpoint")
        .labelNames("service").register(registry);
    active = Gauge.builder().name("svclab_proxy_active_connections")
        .help("Open proxied connections and UDP flows, by Service port").labelNames("service").register(registry);
    bytes = Counter.builder().name("svclab_proxy_bytes")
        .help("Bytes forwarded, by Service port and direction (to_endpoint, to_client)")
        .labelNames("service", "direction").register(registry);
    listeners = Gauge.builder().name("svclab_proxy_listeners")
        .help("Sockets the proxier listens on, by protocol").labelNames("protocol").register(registry);
    fullSyncDuration = Histogram.builder().name("kubeproxy_sync_full_proxy_rules_duration_seconds")
        .help("SyncProxyRules latency in seconds for full resyncs (iptables mode)")
        .classicOnly().classicExponentialUpperBounds(0.001, 2, 15).register(registry);
    partialSyncDuration = Histogram.builder().name("kubeproxy_sync_partial_proxy_rules_duration_seconds")
        .help("SyncProxyRules latency in seconds for partial resyncs (iptables mode)")
        .classicOnly().classicExponentialUpperBounds(0.001, 2, 15).register(registry);
    restoreFailures = Counter.builder().name("kubeproxy_sync_proxy_rules_iptables_restore_failures")
        .help("Cumulative proxy iptables restore failures").register(registry);
    partialRestoreFailures = Counter.builder().name("kubeproxy_sync_proxy_rules_iptables_partial_restore_failures")
        .help("Cumulative proxy iptables partial restore failures").register(registry);
    nftablesFailures = Counter.builder().name("kubeproxy_sync_proxy_rules_nftables_sync_failures")
        .help("Cumulative proxy nftables sync failures").register(registry);
  }

  /** One iptables or nftables sync that reached the kernel: its duration by kind (kube-proxy's full/partial histograms). */
  public void rulesSynced(boolean full, Duration took) {
    (full ? fullSyncDuration : partialSyncDuration).observe(took.toNanos() / 1e9);
  }

  public void iptablesRestoreFailed(boolean partial) {
    restoreFailures.inc();
    if (partial) partialRestoreFailures.inc();
  }

  public void nftablesSyncFailed() {
    nftablesFailures.inc();
  }

  public void syncDone(Duration took, boolean ok) {
    syncDuration.observe(took.toNanos() / 1e9);
    syncs.labelValues(ok ? "success" : "error").inc();
    if (ok) lastSync.set(System.currentTimeMillis() / 1000.0);
  }

  public void networkProgrammed(Duration latency) {
    networkProgramming.observe(Math.max(0, latency.toNanos() / 1e9));
  }

  public void opened(String service) {
    connections.labelValues(service).inc();
    active.labelValues(service).inc();
  }

  public void closed(String service) {
    active.labelValues(service).dec();
  }

  public void rejected(String service) {
    rejected.labelValues(service).inc();
  }

  public void bytes(String service, boolean toEndpoint, long n) {
    bytes.labelValues(service, toEndpoint ? "to_endpoint" : "to_client").inc(n);
  }

  /** One Service port's connection metrics, looked up once per route instead of once per connection. */
  public ServiceTraffic traffic(String service) {
    CounterDataPoint toEndpoint = bytes.labelValues(service, "to_endpoint");
    CounterDataPoint toClient = bytes.labelValues(service, "to_client");
    return new ServiceTraffic(service, connections.labelValues(service), active.labelValues(service), toEndpoint::inc,
        toClient::inc);
  }

  /**
   * The data points of one Service port's connections.
   *
   * @param toEndpoint told the bytes copied from clients to endpoints
   * @param toClient   told the bytes copied from endpoints to clients
   */
  public record ServiceTraffic(String service, CounterDataPoint connections, GaugeDataPoint active, LongConsumer toEndpoint,
      LongConsumer toClient) {
    public void opened() {
      connections.inc();
      active.inc();
    }

    public void closed() {
      active.dec();
    }
  }

  public void listeners(String protocol, int count) {
    listeners.labelValues(protocol).set(count);
  }
}
