package io.svclab.workload;

import io.svclab.client.controller.Reconciler;
import io.svclab.client.controller.Result;

/** Times and counts every reconcile of one controller. */
public record MeasuredReconciler(String controller, Reconciler inner, WorkloadMetrics metrics) implements Reconciler {
  @Override
  public Result reconcile(String key) throws Exception {
    long started = System.nanoTime();
    boolean ok = false;
    try {
      Result r = inner.reconcile(key);
      ok = !(r instanceof Result.Error);
      return r;
    } finally {
      metrics.synced(controller, ok, (System.nanoTime() - started) / 1e9);
    }
  }
}
