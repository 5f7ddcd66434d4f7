package io.svclab.proxy.snapshot;

/**
 * Thrown by {@link Proxier#apply} when the data plane did not take the snapshot (the kernel
 * refused a restore). The proxier has logged it already; the sync loop does not count the sync
 * as a success and retries at the next periodic sync, as kube-proxy's
 * {@code syncRunner.RetryAfter(syncPeriod)} does.
 */
public final class ProxierFailure extends RuntimeException {
  public ProxierFailure(String message) {
    super(message, null, false, false);
  }
}
