package io.svclab.client.controller;

import java.time.Duration;

/** What {@link ControllerDecisions} tells the actor to do. */
public sealed interface ControllerAction {
  record StartReconcile(String key) implements ControllerAction {}

  /** Send {@code RetryDue(key)} after {@code delay}, replacing any earlier timer for the key. */
  record ScheduleRetry(String key, Duration delay) implements ControllerAction {}
}
