package io.svclab.cloudlb;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.function.LongConsumer;

/** cloud-lb's Prometheus metrics; thread-safe. */
public final class CloudLbMetrics {
  private final Gauge balancers;
  private final Gauge listeners;
  private final Counter connections;
  private final Gauge activeConnections;
  private final Counter refused;
  private final Counter bytes;
  private final Counter healthChecks;
  private final Gauge nodeHealthy;
  private final Gauge poolAllocated;
  private final Gauge poolCapacity;
  private final Counter syncs;
  private final Gauge leader;

  public CloudLbMetrics(PrometheusRegistry registry) {
    balancers = Gauge.builder().name("cloud_lb_balancers").help("Load balancers running (one per Service)").register(registry);
    listeners = Gauge.builder().name("cloud_lb_listeners").help("Listening sockets (one per Service port)").register(registry);
    connections = Counter.builder().name("cloud_lb_connections")
        .help("Client connections accepted and forwarded, by Service and result (forwarded, no_backend, backend_failed)")
        .labelNames("service", "result").register(registry);
    activeConnections = Gauge.builder().name("cloud_lb_active_connections").help("Open client connections, by Service")
        .labelNames("service").register(registry);
    refused = Counter.builder().name("cloud_lb_source_range_refused")
        .help("Connections closed because the client is outside loadBalancerSourceRanges, by Service")
        .labelNames("service").register(registry);
    bytes = Counter.builder().name("cloud_lb_bytes").help("Bytes forwarded, by Service and direction (in = client to node)")
        .labelNames("service", "direction").register(registry);
    healthChecks = Counter.builder().name("cloud_lb_health_checks")
        .help("healthCheckNodePort probes, by node address, port and result (healthy, unhealthy)")
        .labelNames("node", "port", "result").register(registry);
    nodeHealthy = Gauge.builder().name("cloud_lb_node_healthy")
        .help("1 if the node's healthCheckNodePort answered 200 at the last probe").labelNames("node", "port").register(registry);
    poolAllocated = Gauge.builder().name("cloud_lb_pool_allocated").help("Pool addresses in use").register(registry);
    poolCapacity = Gauge.builder().name("cloud_lb_pool_capacity").help("Pool addresses in total").register(registry);
    syncs = Counter.builder().name("cloud_lb_service_syncs").help("Service reconciles, by result (ensured, pending, cleaned, ignored, error)")
        .labelNames("result").register(registry);
    leader = Gauge.builder().name("leader_election_master_status")
        .help("1 while this process leads (holds the Lease), 0 on standby").labelNames("name").register(registry);
  }

  public void balancers(int n, int listening) { balancers.set(n); listeners.set(listening); }
  public void connection(String service, String result) { connections.labelValues(service, result).inc(); }
  public void active(String service, int delta) { activeConnections.labelValues(service).inc(delta); }
  public void refused(String service) { refused.labelValues(service).inc(); }
  public void bytes(String service, String direction, long n) { bytes.labelValues(service, direction).inc(n); }
  /** One Service's byte counter for a direction, looked up once per connection instead of per read. */
  public LongConsumer bytesCounter(String service, String direction) {
    CounterDataPoint counter = bytes.labelValues(service, direction);
    return counter::inc;
  }
  public void healthCheck(String node, int port, boolean ok) {
    healthChecks.labelValues(node, Integer.toString(port), ok ? "healthy" : "unhealthy").inc();
    nodeHealthy.labelValues(node, Integer.toString(port)).set(ok ? 1 : 0);
  }
  public void pool(long allocated, long capacity) { poolAllocated.set(allocated); poolCapacity.set(capacity); }
  public void synced(String result) { syncs.labelValues(result).inc(); }
  public void leading(String lease, boolean leading) { leader.labelValues(lease).set(leading ? 1 : 0); }
}
