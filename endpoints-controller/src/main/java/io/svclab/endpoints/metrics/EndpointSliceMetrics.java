package io.svclab.endpoints.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.HashMap;
import java.util.Map;

/**
 * The controller's Prometheus metrics, under kube-controller-manager's names where it has
 * them. Counters are exposed with the {@code _total} suffix Prometheus' Java client adds.
 * Thread-safe: workers record concurrently.
 */
public final class EndpointSliceMetrics {
  /** Sync results, as the {@code result} label of kube-controller-manager's syncs counter. */
  public enum SyncResult {
    SUCCESS("success"), ERROR("error"), STALE("stale");

    final String label;

    SyncResult(String label) {
      this.label = label;
    }
  }

  private final Counter syncs;
  private final Counter changes;
  private final Histogram changedPerSync;
  private final Histogram syncDuration;
  private final Gauge desiredSlices;
  private final Gauge actualSlices;
  private final Gauge desiredEndpoints;
  private final Gauge leader;
  private final Map<String, SliceCounts> byService = new HashMap<>();
  private SliceCounts total = SliceCounts.NONE;

  public EndpointSliceMetrics(PrometheusRegistry registry) {
    syncs = Counter.builder().name("endpoint_slice_controller_syncs")
        .help("Number of EndpointSlice syncs, by result (success, error, stale)")
        .labelNames("result").register(registry);
    changes = Counter.builder().name("endpoint_slice_controller_changes")
        .help("Number of EndpointSlice changes, by operation (create, update, delete)")
        .labelNames("operation").register(registry);
    changedPerSync = Histogram.builder().name("endpoint_slice_controller_endpointslices_changed_per_sync")
        .help("Number of EndpointSlices changed on each Service sync")
        .classicOnly().classicExponentialUpperBounds(1, 2, 10).register(registry);
    syncDuration = Histogram.builder().name("endpoint_slice_controller_sync_duration_seconds")
        .help("Time to sync one Service: read caches, plan, write slices and Endpoints")
        .classicOnly().classicExponentialUpperBounds(0.0005, 2, 15).register(registry);
    desiredSlices = Gauge.builder().name("endpoint_slice_controller_desired_endpoint_slices")
        .help("Number of EndpointSlices that would exist with perfect endpoint allocation").register(registry);
    actualSlices = Gauge.builder().name("endpoint_slice_controller_num_endpoint_slices")
        .help("Number of EndpointSlices").register(registry);
    desiredEndpoints = Gauge.builder().name("endpoint_slice_controller_endpoints_desired")
        .help("Number of endpoints desired").register(registry);
    leader = Gauge.builder().name("leader_election_master_status")
        .help("1 while this process leads (holds the Lease), 0 on standby").labelNames("name").register(registry);
  }

  public void synced(SyncResult result, double seconds) {
    syncs.labelValues(result.label).inc();
    syncDuration.observe(seconds);
  }

  public void sliceChanges(int created, int updated, int deleted) {
    if (created > 0) changes.labelValues("create").inc(created);
    if (updated > 0) changes.labelValues("update").inc(updated);
    if (deleted > 0) changes.labelValues("delete").inc(deleted);
    changedPerSync.observe(created + updated + deleted);
  }

  /** The Service's figures after a sync; {@link SliceCounts#NONE} once it is gone. */
  public synchronized void service(String key, SliceCounts counts) {
    SliceCounts previous = counts.equals(SliceCounts.NONE) ? byService.remove(key) : byService.put(key, counts);
    total = total.minus(previous == null ? SliceCounts.NONE : previous).plus(counts);
    desiredEndpoints.set(total.desiredEndpoints());
    actualSlices.set(total.actualSlices());
    desiredSlices.set(total.desiredSlices());
  }

  public synchronized SliceCounts total() {
    return total;
  }

  public void leading(String leaseName, boolean leading) {
    leader.labelValues(leaseName).set(leading ? 1 : 0);
  }
}
