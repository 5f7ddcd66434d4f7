package io.svclab.node.pods;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The node-agent's Prometheus metrics. */
public final class PodMetrics {
  final Gauge pods;
  final Counter containerStarts;
  final Counter containerRestarts;
  final Counter probes;
  final Counter imagePullFailures;

  public PodMetrics(PrometheusRegistry registry) {
    pods = Gauge.builder().name("node_agent_running_pods").help("Pods this node-agent runs").register(registry);
    containerStarts = Counter.builder().name("node_agent_container_starts_total").help("Containers started")
        .labelNames("image").register(registry);
    containerRestarts = Counter.builder().name("node_agent_container_restarts_total").help("Containers restarted")
        .register(registry);
    probes = Counter.builder().name("node_agent_probes_total").help("Probe runs by type and result")
        .labelNames("probe_type", "result").register(registry);
    imagePullFailures = Counter.builder().name("node_agent_image_pull_failures_total").help("Unknown images")
        .register(registry);
  }

  public static PodMetrics unregistered() {
    return new PodMetrics(new PrometheusRegistry());
  }
}
