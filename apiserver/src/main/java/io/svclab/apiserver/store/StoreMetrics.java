package io.svclab.apiserver.store;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** Commit latency and batch size: what shows whether group commit is sharing fsyncs. */
public final class StoreMetrics {
  private final Histogram commitSeconds;
  private final Histogram batchSize;

  public StoreMetrics(PrometheusRegistry registry) {
    commitSeconds = Histogram.builder()
      .name("apiserver_storage_commit_duration_seconds")
      .help("Time to commit a write to the store: one SQLite group commit, fsync included, or one etcd"
          + " transaction until the apiserver's etcd watch delivered it")
      .register(registry);
    batchSize = Histogram.builder()
      .name("apiserver_storage_commit_batch_writes")
      .help("Writes sharing one store transaction (group commit)")
      .classicUpperBounds(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
      .register(registry);
  }

  public void observeCommit(int writes, double seconds) {
    commitSeconds.observe(seconds);
    batchSize.observe(writes);
  }

  /** One write committed on its own (etcd: the transaction and its delivery by the watch). */
  public void observeCommit(double seconds) {
    commitSeconds.observe(seconds);
  }
}
