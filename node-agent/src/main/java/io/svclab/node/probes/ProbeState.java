package io.svclab.node.probes;

import io.svclab.api.v1.Probe;

/**
 * One probe's result with kubelet's threshold logic: the result flips only after
 * {@code successThreshold} consecutive successes or {@code failureThreshold} consecutive
 * failures. Readiness starts as failure (not ready until proven), liveness as success,
 * startup as failure (not started). Immutable: {@link #observe} returns the next state.
 */
public record ProbeState(Kind kind, Timing timing, boolean success, int consecutiveSuccesses, int consecutiveFailures) {
  public enum Kind {
    READINESS("Readiness"), LIVENESS("Liveness"), STARTUP("Startup");

    private final String title;

    Kind(String title) {
      this.title = title;
    }

    /** As kubelet names it in events and metrics: {@code Readiness}, {@code Liveness}, {@code Startup}. */
    public String title() { return title; }
  }

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

  /** The next state and what changed. */
  public record Observed(ProbeState state, Change change) {}

  /** A probe of a freshly started container. */
  public static ProbeState initial(Kind kind, Timing timing) {
    return new ProbeState(kind, timing, kind == Kind.LIVENESS, 0, 0);
  }

  public Observed observe(boolean ok) {
    if (ok) {
      int successes = consecutiveSuccesses + 1;
      // liveness and startup must succeed once (Kubernetes forces successThreshold 1 for them)
      int needed = kind == Kind.READINESS ? timing.successThreshold() : 1;
      if (!success && successes >= needed) {
        return new Observed(new ProbeState(kind, timing, true, successes, 0), Change.BECAME_SUCCESS);
      }
      return new Observed(new ProbeState(kind, timing, success, successes, 0), Change.NONE);
    }
    int failures = consecutiveFailures + 1;
    if ((success || kind != Kind.READINESS) && failures >= timing.failureThreshold()) {
      // liveness and startup: the container is restarted, so counting starts again
      int kept = kind == Kind.READINESS ? failures : 0;
      Change change = success || kind != Kind.READINESS ? Change.BECAME_FAILURE : Change.NONE;
      return new Observed(new ProbeState(kind, timing, false, 0, kept), change);
    }
    return new Observed(new ProbeState(kind, timing, success, 0, failures), Change.NONE);
  }
}
