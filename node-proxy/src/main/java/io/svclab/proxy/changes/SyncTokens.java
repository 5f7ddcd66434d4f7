package io.svclab.proxy.changes;

import java.time.Duration;

/**
 * kube-proxy's sync rate limit (BoundedFrequencyRunner with {@code burstSyncs = 2}): a token
 * bucket holding up to {@code burst} syncs, refilled at one per minimum interval. A Service
 * write followed a moment later by its EndpointSlice thus gets two prompt syncs, while a
 * stream of changes is still held to one sync per interval. Time comes in as nanoseconds, so
 * the rule is tested without a clock.
 */
final class SyncTokens {
  static final int KUBE_PROXY_BURST = 2;

  private final long intervalNanos;
  private final int burst;
  private double tokens;
  private long last;

  SyncTokens(Duration minInterval, int burst, long nowNanos) {
    this.intervalNanos = minInterval.toNanos();
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** How long a sync wanted at {@code now} must wait (0: it may start at once). */
  long waitNanos(long now) {
    if (intervalNanos <= 0) return 0;
    refill(now);
    return tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * intervalNanos);
  }

  /** A sync starts at {@code now}: it spends one token. */
  void take(long now) {
    if (intervalNanos <= 0) return;
    refill(now);
    tokens = Math.max(0, tokens - 1);
  }

  private void refill(long now) {
    tokens = Math.min(burst, tokens + (now - last) / (double) intervalNanos);
    last = now;
  }
}
