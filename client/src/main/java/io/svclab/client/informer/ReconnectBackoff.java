package io.svclab.client.informer;

import java.time.Duration;

/**
 * Delay before re-opening a broken watch or retrying a failed list: doubles from
 * {@code initial} up to {@code max}, and starts over once the stream delivers again, so a
 * restarting apiserver is not hammered and a healthy one is rejoined quickly.
 */
public final class ReconnectBackoff {
  private final Duration initial;
  private final Duration max;
  private int failures;

  public ReconnectBackoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  public Duration next() {
    Duration delay = initial.multipliedBy(1L << Math.min(failures, 30));
    failures++;
    return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
  }

  public void reset() {
    failures = 0;
  }
}
