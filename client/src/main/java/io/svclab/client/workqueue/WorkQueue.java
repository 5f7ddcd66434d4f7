package io.svclab.client.workqueue;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * A thread-safe, blocking rate-limited work queue for code that runs its own worker
 * threads ({@code get} / {@code done} loops, as in client-go). Controllers built on
 * {@code io.svclab.client.controller.Controller} do not need it: their actor owns a
 * {@link WorkQueueState} directly.
 */
public final class WorkQueue<K> {
  private final WorkQueueState<K> state = new WorkQueueState<>();
  private final ExponentialBackoff<K> backoff;
  private final LongSupplier clockMillis;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private boolean shutDown;

  public WorkQueue(ExponentialBackoff<K> backoff, LongSupplier clockMillis) {
    this.backoff = backoff;
    this.clockMillis = clockMillis;
  }

  public WorkQueue() {
    this(new ExponentialBackoff<>(), () -> System.nanoTime() / 1_000_000);
  }

  public void add(K key) {
    withLock(() -> {
      if (!shutDown && state.add(key)) {
        changed.signalAll();
      }
    });
  }

  public void addAfter(K key, Duration delay) {
    if (delay.isZero() || delay.isNegative()) {
      add(key);
      return;
    }
    withLock(() -> {
      if (!shutDown && state.addAt(key, clockMillis.getAsLong() + delay.toMillis()).isPresent()) {
        changed.signalAll(); // a getter may need to wake earlier than it planned
      }
    });
  }

  /** Re-adds the key after its per-key back-off. */
  public void addRateLimited(K key) {
    Duration delay;
    lock.lock();
    try {
      delay = backoff.when(key);
    } finally {
      lock.unlock();
    }
    addAfter(key, delay);
  }

  /** The key succeeded: its back-off starts over. */
  public void forget(K key) {
    withLock(() -> backoff.forget(key));
  }

  public int numRequeues(K key) {
    lock.lock();
    try {
      return backoff.numRequeues(key);
    } finally {
      lock.unlock();
    }
  }

  /** Blocks until a key is ready; empty once the queue is shut down. Call {@link #done} after. */
  public Optional<K> get() throws InterruptedException {
    lock.lock();
    try {
      while (!shutDown) {
        state.promoteDue(clockMillis.getAsLong());
        Optional<K> key = state.take();
        if (key.isPresent()) {
          return key;
        }
        OptionalLong next = state.nextReadyAt();
        if (next.isPresent()) {
          long wait = next.getAsLong() - clockMillis.getAsLong();
          if (wait > 0) {
            changed.await(wait, TimeUnit.MILLISECONDS);
          }
        } else {
          changed.await();
        }
      }
      return Optional.empty();
    } finally {
      lock.unlock();
    }
  }

  public void done(K key) {
    withLock(() -> {
      state.done(key);
      changed.signalAll();
    });
  }

  public int length() {
    lock.lock();
    try {
      return state.length();
    } finally {
      lock.unlock();
    }
  }

  /** Wakes every waiting getter with empty; later adds are dropped. */
  public void shutDown() {
    withLock(() -> {
      shutDown = true;
      changed.signalAll();
    });
  }

  private void withLock(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }
}
