package io.svclab.node.probes;

import io.svclab.api.v1.Probe;

/**
 * One probe's result with kubelet's threshold logic: the result flips only after
 * {@code successThreshold} consecutive successes or {@code failureThreshold} consecutive
 * failures. Readiness starts as failure (not ready until proven), liveness as success,
 * startup as failure (not started).
 */
public final class ProbeState {
  public enum Kind { READINESS, LIVENESS, STARTUP }

  /** The probe's timing, with Kubernetes' defaults filled in. */
  public record Timing(int initialDelaySeconds, int periodSeconds, int timeoutSeconds, int successThreshold,
      int failureThreshold) {
    public static Timing of(Probe p) {
      return new Timing(Math.max(0, p.getInitialDelaySeconds()), p.getPeriodSeconds() > 0 ? p.getPeriodSeconds() : 10,
          p.getTimeoutSeconds() > 0 ? p.getTimeoutSeconds() : 1, p.getSuccessThreshold() > 0 ? p.getSuccessThreshold() : 1,
          p.getFailureThreshold() > 0 ? p.getFailureThreshold() : 3);
    }
  }

  /** What one observation did to the result. */
  public enum Change { NONE, BECAME_SUCCESS, BECAME_FAILURE }

  private final Kind kind;
  private final Timing timing;
  private boolean success;
  private int consecutiveSuccesses;
  private int consecutiveFailures;

  public ProbeState(Kind kind, Timing timing) {
    this.kind = kind;
    this.timing = timing;
    this.success = kind == Kind.LIVENESS;
  }

  public Kind kind() { return kind; }

  public Timing timing() { return timing; }

  public boolean success() { return success; }

  public int consecutiveFailures() { return consecutiveFailures; }

  public Change observe(boolean ok) {
    if (ok) {
      consecutiveSuccesses++;
      consecutiveFailures = 0;
      // liveness and startup must succeed once (Kubernetes forces successThreshold 1 for them)
      int needed = kind == Kind.READINESS ? timing.successThreshold() : 1;
      if (!success && consecutiveSuccesses >= needed) {
        success = true;
        return Change.BECAME_SUCCESS;
      }
    } else {
      consecutiveFailures++;
      consecutiveSuccesses = 0;
      if ((success || kind != Kind.READINESS) && consecutiveFailures >= timing.failureThreshold()) {
        boolean was = success;
        success = false;
        if (kind != Kind.READINESS) {
          consecutiveFailures = 0; // the container is restarted; counting starts again
        }
        return was || kind != Kind.READINESS ? Change.BECAME_FAILURE : Change.NONE;
      }
    }
    return Change.NONE;
  }

  /** After a container restart: back to the initial result. */
  public void reset() {
    success = kind == Kind.LIVENESS;
    consecutiveSuccesses = 0;
    consecutiveFailures = 0;
  }
}
