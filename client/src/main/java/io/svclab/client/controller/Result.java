package io.svclab.client.controller;

import java.time.Duration;

/** What a reconcile asks the controller to do with its key next. */
public sealed interface Result {
  /** Converged; the key's back-off starts over. */
  record Done() implements Result {}

  /** Converged for now, look again after {@code delay} (e.g. a lease or a grace period expiring). */
  record RequeueAfter(Duration delay) implements Result {}

  /** Not converged, no error: retry with the key's exponential back-off. */
  record Requeue() implements Result {}

  /** Failed: retry with the key's exponential back-off. */
  record Error(Throwable cause) implements Result {}

  static Result done() { return new Done(); }

  static Result requeueAfter(Duration delay) { return new RequeueAfter(delay); }

  static Result requeue() { return new Requeue(); }

  static Result error(Throwable cause) { return new Error(cause); }
}
