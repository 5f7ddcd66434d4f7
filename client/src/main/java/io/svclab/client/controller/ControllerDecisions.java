package io.svclab.client.controller;

import io.svclab.client.controller.ControllerAction.ScheduleRetry;
import io.svclab.client.controller.ControllerAction.StartReconcile;
import io.svclab.client.workqueue.ExponentialBackoff;
import io.svclab.client.workqueue.WorkQueueState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The controller actor's brain, without the actor: the work queue, per-key back-off and
 * worker accounting. Every input returns the actions to take, so the actor is only
 * plumbing and this class is tested by tables. Not thread-safe: the actor owns it.
 */
public final class ControllerDecisions {
  private final WorkQueueState<String> queue = new WorkQueueState<>();
  private final ExponentialBackoff<String> backoff;
  private final int workers;
  private int busy;
  private boolean synced;

  public ControllerDecisions(int workers, ExponentialBackoff<String> backoff) {
    this.workers = workers;
    this.backoff = backoff;
  }

  public List<ControllerAction> enqueue(String key) {
    queue.add(key);
    return dispatch(new ArrayList<>());
  }

  public List<ControllerAction> enqueueAfter(String key, Duration delay, long nowMillis) {
    if (delay.isZero() || delay.isNegative()) {
      return enqueue(key);
    }
    List<ControllerAction> actions = new ArrayList<>();
    schedule(key, delay, nowMillis, actions);
    return actions;
  }

  public List<ControllerAction> cachesSynced() {
    synced = true;
    return dispatch(new ArrayList<>());
  }

  public List<ControllerAction> retryDue(String key) {
    queue.promote(key);
    return dispatch(new ArrayList<>());
  }

  /** A reconcile ended; {@code result} is null when it threw {@code failure}. */
  public List<ControllerAction> finished(String key, Result result, long nowMillis) {
    busy--;
    queue.done(key);
    List<ControllerAction> actions = new ArrayList<>();
    if (result instanceof Result.Done) {
      backoff.forget(key);
    } else if (result instanceof Result.RequeueAfter r) {
      backoff.forget(key);
      schedule(key, r.delay(), nowMillis, actions);
    } else {
      schedule(key, backoff.when(key), nowMillis, actions);
    }
    return dispatch(actions);
  }

  /** Failures counted against the key since its last success. */
  public int failures(String key) {
    return backoff.numRequeues(key);
  }

  private void schedule(String key, Duration delay, long nowMillis, List<ControllerAction> actions) {
    if (delay.isZero() || delay.isNegative()) {
      queue.add(key);
      return;
    }
    if (queue.addAt(key, nowMillis + delay.toMillis()).isPresent()) {
      actions.add(new ScheduleRetry(key, delay));
    }
  }

  private List<ControllerAction> dispatch(List<ControllerAction> actions) {
    while (synced && busy < workers) {
      Optional<String> key = queue.take();
      if (key.isEmpty()) {
        break;
      }
      busy++;
      actions.add(new StartReconcile(key.get()));
    }
    return actions;
  }

  public int busy() { return busy; }

  public int queued() { return queue.length(); }

  public boolean isWaiting(String key) { return queue.isWaiting(key); }
}
