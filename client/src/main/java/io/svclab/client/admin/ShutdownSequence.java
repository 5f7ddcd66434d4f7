package io.svclab.client.admin;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes registered resources in reverse order of registration (last started, first
 * stopped) within one total time budget. Each closer runs on its own thread, so one that
 * hangs is abandoned when its share runs out (the budget minus 20 ms kept for each later
 * closer) and the next closer still runs. Runs once.
 */
public final class ShutdownSequence {
  private static final Logger log = LoggerFactory.getLogger(ShutdownSequence.class);

  private record Step(String name, AutoCloseable closer) {}

  private static final Duration RESERVE_PER_STEP = Duration.ofMillis(20);

  private final Duration budget;
  private final long reservePerStepMillis;
  private final List<Step> steps = new ArrayList<>();
  private final AtomicBoolean ran = new AtomicBoolean();

  public ShutdownSequence(Duration budget) {
    this(budget, RESERVE_PER_STEP);
  }

  /** {@code reservePerStep}: the time kept back for each closer after the current one. */
  public ShutdownSequence(Duration budget, Duration reservePerStep) {
    this.budget = budget;
    this.reservePerStepMillis = reservePerStep.toMillis();
  }

  public synchronized void add(String name, AutoCloseable closer) {
    steps.add(new Step(name, closer));
  }

  /** Runs the closers; returns the names of those that failed or overran the budget. */
  public List<String> run() {
    if (!ran.compareAndSet(false, true)) {
      return List.of();
    }
    List<Step> reversed;
    synchronized (this) {
      reversed = new ArrayList<>(steps);
    }
    java.util.Collections.reverse(reversed);
    long deadline = System.nanoTime() + budget.toNanos();
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < reversed.size(); i++) {
      Step step = reversed.get(i);
      // Keep a little time back for each later step: a hung closer must not starve the
      // quick ones after it (closing a channel, flushing logs).
      long reserve = reservePerStepMillis * (reversed.size() - 1 - i);
      long timeoutMillis = (deadline - System.nanoTime()) / 1_000_000 - reserve;
      if (timeoutMillis < 1) {
        log.warn("shutdown: no time left for {}", step.name());
        failed.add(step.name());
        continue;
      }
      if (!runStep(step, timeoutMillis)) {
        failed.add(step.name());
      }
    }
    return failed;
  }

  private static boolean runStep(Step step, long timeoutMillis) {
    AtomicBoolean ok = new AtomicBoolean();
    Thread t = new Thread(() -> {
      try {
        step.closer().close();
        ok.set(true);
      } catch (Exception e) {
        log.warn("shutdown: closing {} failed: {}", step.name(), e.toString());
      }
    }, "shutdown-" + step.name());
    t.setDaemon(true);
    t.start();
    try {
      t.join(timeoutMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (t.isAlive()) {
      log.warn("shutdown: {} did not close within {} ms, abandoned", step.name(), timeoutMillis);
      return false;
    }
    return ok.get();
  }
}
