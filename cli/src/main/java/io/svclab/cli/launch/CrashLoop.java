package io.svclab.cli.launch;

import java.util.Optional;

/**
 * A component's exits since it last ran stably, and the back-off before its next start: 0.5 s,
 * doubling to 30 s, forgotten after a minute of running (kubelet's CrashLoopBackOff, scaled to a
 * lab). Pure: the supervisor passes the clock in and prints {@link #report}.
 */
public record CrashLoop(int exits, long firstExitAtMillis, long backoffMillis) {
  static final long FIRST_BACKOFF_MS = 500;
  static final long MAX_BACKOFF_MS = 30_000;
  static final long STABLE_AFTER_MS = 60_000;

  public static final CrashLoop NONE = new CrashLoop(0, 0, 0);

  /** The loop after one more exit at {@code now}. */
  public CrashLoop exited(long now) {
    return exits == 0 ? new CrashLoop(1, now, FIRST_BACKOFF_MS)
        : new CrashLoop(exits + 1, firstExitAtMillis, Math.min(backoffMillis * 2, MAX_BACKOFF_MS));
  }

  /** The loop while the component is running: forgotten once it has run long enough. */
  public CrashLoop running(long startedAtMillis, long now) {
    return now - startedAtMillis > STABLE_AFTER_MS ? NONE : this;
  }

  /** The console line for this exit: which component, how often, when it starts again, what it said last. */
  public String report(String component, int exitCode, long now, Optional<String> lastLogLine) {
    StringBuilder sb = new StringBuilder(component).append(" exited (code ").append(exitCode).append(')');
    if (exits > 1) {
      sb.append(", ").append(exits).append(" times in ").append(Math.max(1, (now - firstExitAtMillis + 999) / 1000))
          .append(" s");
    }
    sb.append("; restarting in ").append(seconds(backoffMillis));
    lastLogLine.filter(l -> !l.isBlank()).ifPresent(l -> sb.append("; its last log line: ").append(l.strip()));
    return sb.toString();
  }

  private static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
  }
}
