package io.svclab.apiserver.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The last N committed changes in revision order. Revisions may have gaps (an etcd shared with
 * other writers numbers their writes too), so a change is found by binary search; a reader may
 * resume after any revision from {@link #oldestResumable()} on, gaps included.
 */
public final class HistoryRing {
  private final StorageEvent[] ring;
  private int start;     // index of the oldest event held
  private int size;
  private long oldestResumable; // a reader may resume after this revision

  public HistoryRing(int capacity) {
    this.ring = new StorageEvent[capacity];
  }

  public synchronized void add(StorageEvent ev) {
    if (size == ring.length) {
      oldestResumable = Math.max(oldestResumable, ring[start].revision());
      dropOldest();
    }
    ring[(start + size) % ring.length] = ev;
    size++;
  }

  /** After loading, history may have gaps before {@code revision}; only resume from what is contiguous. */
  public synchronized void resetStart(long revision) {
    long from = revision;
    for (int i = size - 1; i >= 0 && from > 0; i--) {
      if (at(i).revision() != from) {
        break;
      }
      from--;
    }
    forgetThrough(from);
  }

  /** Forgets every change up to and including {@code revision}: resuming after an earlier one is expired. */
  public synchronized void forgetThrough(long revision) {
    while (size > 0 && ring[start].revision() <= revision) {
      dropOldest();
    }
    oldestResumable = Math.max(oldestResumable, revision);
  }

  /** Forgets everything: history starts after {@code revision} (a store that lost its history, e.g. to a compaction). */
  public synchronized void restartAt(long revision) {
    while (size > 0) {
      dropOldest();
    }
    oldestResumable = revision;
  }

  public synchronized long oldestResumable() {
    return oldestResumable;
  }

  public synchronized List<StorageEvent> after(long revision) throws RevisionExpiredException {
    if (revision < oldestResumable) {
      throw new RevisionExpiredException(revision, oldestResumable);
    }
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (at(mid).revision() <= revision) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    List<StorageEvent> out = new ArrayList<>(size - lo);
    for (int i = lo; i < size; i++) {
      out.add(at(i));
    }
    return out;
  }

  private StorageEvent at(int i) {
    return ring[(start + i) % ring.length];
  }

  private void dropOldest() {
    ring[start] = null;
    start = (start + 1) % ring.length;
    size--;
  }
}
