package io.svclab.node.lifecycle;

import io.svclab.client.flags.GoDuration;
import java.time.Duration;
import java.time.Instant;

/**
 * kubelet's CrashLoopBackOff for one container (client-go flowcontrol.Backoff as kubelet's
 * doBackOff uses it): a container that exits while its back-off window is open waits the
 * window out; each restart after a wait doubles the window from 10 s up to 5 min; a window last
 * updated more than 2 x 5 min before the exit (the container ran 10 min) starts over at 10 s.
 *
 * @param window     the current back-off, zero before the first restart
 * @param lastUpdate when the window was last set (the restart that opened it)
 */
public record RestartBackOff(Duration window, Instant lastUpdate) {
  public static final Duration INITIAL = Duration.ofSeconds(10);
  public static final Duration MAX = Duration.ofMinutes(5);
  static final Duration RESET_AFTER = MAX.multipliedBy(2);

  public static final RestartBackOff NONE = new RestartBackOff(Duration.ZERO, Instant.EPOCH);

  /** IsInBackOffSince: an exit at {@code finishedAt} must wait, seen at {@code now}. */
  public boolean holds(Instant finishedAt, Instant now) {
    return !window.isZero() && !expired(finishedAt) && Duration.between(finishedAt, now).compareTo(window) < 0;
  }

  /** What is left of the window for an exit at {@code finishedAt}, seen at {@code now}. */
  public Duration remaining(Instant finishedAt, Instant now) {
    Duration left = window.minus(Duration.between(finishedAt, now));
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** Next: the window for the restart made at {@code now} after an exit at {@code finishedAt}. */
  public RestartBackOff next(Instant finishedAt, Instant now) {
    if (window.isZero() || expired(finishedAt)) {
      return new RestartBackOff(INITIAL, now);
    }
    Duration doubled = window.multipliedBy(2);
    return new RestartBackOff(doubled.compareTo(MAX) > 0 ? MAX : doubled, now);
  }

  /** After a liveness or startup kill the container restarts at once and its back-off starts over. */
  public static RestartBackOff restartedAfterKill(Instant now) {
    return new RestartBackOff(INITIAL, now);
  }

  private boolean expired(Instant eventTime) {
    return Duration.between(lastUpdate, eventTime).compareTo(RESET_AFTER) > 0;
  }

  /** The window as Go prints a time.Duration of whole seconds ({@code 10s}, {@code 1m20s}, {@code 5m0s}), as kubelet's message does. */
  public String windowText() {
    return GoDuration.format(window);
  }
}
