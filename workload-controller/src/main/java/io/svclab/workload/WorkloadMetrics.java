package io.svclab.workload;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The process' Prometheus metrics. Counters get the {@code _total} suffix the Prometheus
 * Java client adds. Thread-safe: every controller's workers record concurrently.
 */
public final class WorkloadMetrics {
  private final Counter writes;
  private final Counter syncs;
  private final Histogram syncDuration;
  private final Counter scheduleAttempts;
  private final Counter nodesMarkedUnknown;
  private final Counter garbageCollected;
  private final Gauge leader;

  public WorkloadMetrics(PrometheusRegistry registry) {
    writes = Counter.builder().name("workload_controller_api_writes")
        .help("Writes to the apiserver, by controller, verb (create, update, update_status, delete) and kind")
        .labelNames("controller", "verb", "kind").register(registry);
    syncs = Counter.builder().name("workload_controller_syncs")
        .help("Reconciles, by controller and result (success, error)").labelNames("controller", "result").register(registry);
    syncDuration = Histogram.builder().name("workload_controller_sync_duration_seconds")
        .help("Time to reconcile one key, by controller").labelNames("controller")
        .classicOnly().classicExponentialUpperBounds(0.0005, 2, 15).register(registry);
    scheduleAttempts = Counter.builder().name("scheduler_schedule_attempts")
        .help("Scheduling attempts, by result (scheduled, unschedulable, error), as kube-scheduler")
        .labelNames("result").register(registry);
    nodesMarkedUnknown = Counter.builder().name("node_lifecycle_nodes_marked_unknown")
        .help("Times a node's Ready condition was set to Unknown because its lease expired").register(registry);
    garbageCollected = Counter.builder().name("garbage_collector_deleted_objects")
        .help("Dependents deleted because their owner is gone, by kind").labelNames("kind").register(registry);
    leader = Gauge.builder().name("leader_election_master_status")
        .help("1 while this process leads (holds the Lease), 0 on standby").labelNames("name").register(registry);
  }

  public void wrote(String controller, String verb, String kind) {
    writes.labelValues(controller, verb, kind).inc();
  }

  public void synced(String controller, boolean ok, double seconds) {
    syncs.labelValues(controller, ok ? "success" : "error").inc();
    syncDuration.labelValues(controller).observe(seconds);
  }

  public void scheduleAttempt(String result) {
    scheduleAttempts.labelValues(result).inc();
  }

  public void nodeMarkedUnknown() {
    nodesMarkedUnknown.inc();
  }

  public void garbageCollected(String kind) {
    garbageCollected.labelValues(kind).inc();
  }

  public void leading(String lease, boolean leading) {
    leader.labelValues(lease).set(leading ? 1 : 0);
  }
}
