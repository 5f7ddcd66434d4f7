package io.svclab.client.controller;

import io.svclab.client.workqueue.ExponentialBackoff;
import java.time.Duration;

/**
 * @param name      names the actor system, worker threads and log lines
 * @param workers   reconciles running at once (on different keys)
 * @param baseDelay first retry delay of a failing key; doubles per failure
 * @param maxDelay  cap of the retry delay
 */
public record ControllerOptions(String name, int workers, Duration baseDelay, Duration maxDelay) {
  public ControllerOptions {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, got " + workers);
    }
  }

  public static ControllerOptions named(String name) {
    return new ControllerOptions(name, 2, ExponentialBackoff.DEFAULT_BASE, ExponentialBackoff.DEFAULT_MAX);
  }

  public ControllerOptions withWorkers(int n) {
    return new ControllerOptions(name, n, baseDelay, maxDelay);
  }

  public ControllerOptions withBackoff(Duration base, Duration max) {
    return new ControllerOptions(name, workers, base, max);
  }
}
