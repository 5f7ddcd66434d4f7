package io.svclab.client.workqueue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-key exponential back-off for failed items, as client-go's
 * ItemExponentialFailureRateLimiter: {@code base * 2^failures}, capped; {@link #forget}
 * after a success starts the key over. Not thread-safe; owned by one queue.
 */
public final class ExponentialBackoff<K> {
  /** client-go's DefaultControllerRateLimiter per-item limits. */
  public static final Duration DEFAULT_BASE = Duration.ofMillis(5);
  public static final Duration DEFAULT_MAX = Duration.ofSeconds(1000);

  private final long baseMillis;
  private final long maxMillis;
  private final Map<K, Integer> failures = new HashMap<>();

  public ExponentialBackoff(Duration base, Duration max) {
    this.baseMillis = base.toMillis();
    this.maxMillis = max.toMillis();
  }

  public ExponentialBackoff() {
    this(DEFAULT_BASE, DEFAULT_MAX);
  }

  /** The delay before the key's next retry; counts one more failure. */
  public Duration when(K key) {
    int exp = failures.merge(key, 1, Integer::sum) - 1;
    // 2^62 overflows a multiplication with base; beyond that the cap applies anyway.
    if (exp >= 62 || baseMillis > (maxMillis >> Math.min(exp, 62))) {
      return Duration.ofMillis(maxMillis);
    }
    return Duration.ofMillis(Math.min(maxMillis, baseMillis << exp));
  }

  public void forget(K key) {
    failures.remove(key);
  }

  public int numRequeues(K key) {
    return failures.getOrDefault(key, 0);
  }
}
