package io.svclab.apiserver.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The last N committed changes, indexed by revision. Revisions are contiguous (every
 * committed write takes the next one), so a change is found by arithmetic, not search.
 */
final class HistoryRing {
  private final StorageEvent[] ring;
  private long newest;       // revision of the newest event held
  private long oldestResumable; // a reader may resume after this revision

  HistoryRing(int capacity) {
    this.ring = new StorageEvent[capacity];
  }

  synchronized void add(StorageEvent ev) {
    ring[(int) (ev.revision() % ring.length)] = ev;
    newest = ev.revision();
    oldestResumable = Math.max(oldestResumable, newest - ring.length);
  }

  /** After loading, history may have gaps before {@code revision}; only resume from what is contiguous. */
  synchronized void resetStart(long revision) {
    long from = revision;
    while (from > 0 && from > revision - ring.length) {
      StorageEvent ev = ring[(int) (from % ring.length)];
      if (ev == null || ev.revision() != from) {
        break;
      }
      from--;
    }
    oldestResumable = from;
    newest = revision;
  }

  synchronized long oldestResumable() {
    return oldestResumable;
  }

  synchronized List<StorageEvent> after(long revision) throws RevisionExpiredException {
    if (revision < oldestResumable) {
      throw new RevisionExpiredException(revision, oldestResumable);
    }
    List<StorageEvent> out = new ArrayList<>();
    for (long r = revision + 1; r <= newest; r++) {
      out.add(ring[(int) (r % ring.length)]);
    }
    return out;
  }
}
