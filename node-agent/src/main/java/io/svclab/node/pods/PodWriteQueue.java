package io.svclab.node.pods;

import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which pod writes go out next, so that many pods' statuses are in flight at once (the
 * apiserver commits concurrent writes together) while each pod's writes stay in order:
 * at most one write per pod is in flight, the latest pending status of a pod replaces the
 * one before it (keeping its place in line), a pending finish (final status, then delete)
 * is never replaced by a plain status, and at most {@code maxInFlight} writes are out.
 * Not thread-safe: the writer holds its lock around every call.
 */
final class PodWriteQueue {
  /** One pod's write: its status, and with {@code finish} the Delete with grace 0 after it. */
  record PodWrite(Pod pod, PodStatus status, boolean finish) {
    String key() {
      return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }
  }

  private final int maxInFlight;
  private final LinkedHashMap<String, PodWrite> pending = new LinkedHashMap<>();
  private final Set<String> inFlight = new HashSet<>();

  PodWriteQueue(int maxInFlight) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
    }
    this.maxInFlight = maxInFlight;
  }

  /** Queues a write; returns false when it was dropped (a finish of the pod is already pending). */
  boolean offer(PodWrite w) {
    PodWrite old = pending.get(w.key());
    if (old != null && old.finish() && !w.finish()) {
      return false;
    }
    pending.put(w.key(), w);  // an existing key keeps its place in line
    return true;
  }

  /** A write that failed and is tried again, unless a newer one of the pod was queued meanwhile. */
  void retry(PodWrite w) {
    pending.putIfAbsent(w.key(), w);
  }

  /**
   * The oldest pending write of a pod with nothing in flight, now marked in flight; empty when
   * {@code maxInFlight} writes are out or every pending pod has one out.
   */
  Optional<PodWrite> next() {
    if (inFlight.size() >= maxInFlight) {
      return Optional.empty();
    }
    for (Iterator<Map.Entry<String, PodWrite>> it = pending.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, PodWrite> e = it.next();
      if (!inFlight.contains(e.getKey())) {
        it.remove();
        inFlight.add(e.getKey());
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The pod's write in flight came back (done, failed or given up). */
  void done(PodWrite w) {
    inFlight.remove(w.key());
  }

  int inFlight() { return inFlight.size(); }

  int pending() { return pending.size(); }
}
