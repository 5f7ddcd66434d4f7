package io.svclab.client.workqueue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Kubernetes work-queue semantics as a plain, single-threaded state machine (callers
 * serialise access: the controller actor, or {@link WorkQueue}'s lock):
 * <ul>
 *   <li>a key waiting in the queue is not queued twice (dirty set);</li>
 *   <li>a key being processed is not handed out again; re-added meanwhile, it goes back
 *       into the queue when {@link #done} is called (processing set);</li>
 *   <li>delayed adds wait until their ready time; the earliest ready time wins.</li>
 * </ul>
 * Times are caller-supplied milliseconds, so the state never reads a clock.
 */
public final class WorkQueueState<K> {
  private final Deque<K> queue = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Long> waiting = new HashMap<>();

  /** Marks the key as needing work. True if it went into the queue now. */
  public boolean add(K key) {
    if (dirty.contains(key)) {
      return false;
    }
    dirty.add(key);
    if (processing.contains(key)) {
      return false;
    }
    queue.addLast(key);
    return true;
  }

  /**
   * Adds the key once {@code readyAtMillis} is reached. Returns the ready time if it is the
   * key's new earliest one (the caller should arrange a wake-up then), empty otherwise.
   */
  public OptionalLong addAt(K key, long readyAtMillis) {
    Long existing = waiting.get(key);
    if (existing != null && existing <= readyAtMillis) {
      return OptionalLong.empty();
    }
    waiting.put(key, readyAtMillis);
    return OptionalLong.of(readyAtMillis);
  }

  /** A waiting key's ready time has come: move it into the queue. False if it was not waiting. */
  public boolean promote(K key) {
    if (waiting.remove(key) == null) {
      return false;
    }
    add(key);
    return true;
  }

  /** Moves every waiting key whose time has come into the queue; returns them. */
  public List<K> promoteDue(long nowMillis) {
    List<K> due = waiting.entrySet().stream()
        .filter(e -> e.getValue() <= nowMillis)
        .sorted(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .toList();
    due.forEach(this::promote);
    return due;
  }

  public OptionalLong nextReadyAt() {
    return waiting.values().stream().mapToLong(Long::longValue).min();
  }

  /** Hands out the next key and marks it processing; empty when nothing is ready. */
  public Optional<K> take() {
    K key = queue.pollFirst();
    if (key == null) {
      return Optional.empty();
    }
    processing.add(key);
    dirty.remove(key);
    return Optional.of(key);
  }

  /** Processing of the key finished; if it was re-added meanwhile, it is queued again. */
  public void done(K key) {
    processing.remove(key);
    if (dirty.contains(key)) {
      queue.addLast(key);
    }
  }

  /** Keys ready to be taken. */
  public int length() { return queue.size(); }

  public boolean isProcessing(K key) { return processing.contains(key); }

  public boolean isQueued(K key) { return dirty.contains(key); }

  public boolean isWaiting(K key) { return waiting.containsKey(key); }

  public int processingCount() { return processing.size(); }

  public int waitingCount() { return waiting.size(); }
}
