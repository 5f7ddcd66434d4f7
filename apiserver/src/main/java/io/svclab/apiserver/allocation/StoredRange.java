package io.svclab.apiserver.allocation;

import io.svclab.apiserver.store.KeyValue;
import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.Write;
import io.svclab.apiserver.store.WriteResult;
import io.svclab.net.allocation.RangeBitmap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A range's taken set kept in the store under one key (Kubernetes' etcd-backed allocator), so
 * every apiserver on that store shares it: each change is a compare-and-swap on the key's
 * modRevision; on a conflict the change runs again on the value that won (re-read, re-pick),
 * at most {@value #MAX_ATTEMPTS} times.
 *
 * <p>Changes that arrive while a write is in flight are combined into the next write, so
 * concurrent creates in one apiserver share one write of the key instead of conflicting with
 * each other. Each change still succeeds or fails on its own.
 *
 * <p>A write is answered once the store made it durable, without waiting for the store's own
 * watch to bring it back ({@link Storage#writeRecord}): the next write compares against the
 * result, and reads here take this process's newest record when the store's copy still lags.
 */
public final class StoredRange implements RangeState {
  static final int MAX_ATTEMPTS = 16;

  private final Storage storage;
  private final String key;
  private final String range;
  private final int size;
  private final Object lock = new Object();
  private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
  private boolean combining;
  /** The stored record as last seen (null = not read yet); only the combining thread touches it. */
  private KeyValue known;
  private boolean knownAbsent;
  /**
   * The newest record this process wrote or saw a write fail on: its writes are acknowledged once
   * durable ({@link Storage#writeRecord}), so the store's own copy may not show them yet.
   */
  private final AtomicReference<KeyValue> newestSeen = new AtomicReference<>();

  /**
   * @param key where the record lives, outside every resource prefix (never listed or watched)
   * @param range the range's text (CIDR or port range): a record of another range is not used
   */
  public StoredRange(Storage storage, String key, String range, int size) {
    this.storage = storage;
    this.key = key;
    this.range = range;
    this.size = size;
  }

  public String key() { return key; }

  private static final class Pending<R> {
    final RangeChange<R> change;
    R result;
    AllocationException refused;
    RuntimeException failed;
    boolean done;

    Pending(RangeChange<R> change) {
      this.change = change;
    }

    void apply(RangeBitmap bitmap) {
      result = null;
      refused = null;
      try {
        result = change.apply(bitmap);
      } catch (AllocationException e) {
        refused = e;
      }
    }
  }

  @Override
  public <R> R change(RangeChange<R> change) throws AllocationException {
    Pending<R> mine = new Pending<>(change);
    boolean interrupted = false;
    synchronized (lock) {
      queue.add(mine);
    }
    // whoever finds no write in flight takes everything queued (its own change too) and writes it
    while (true) {
      List<Pending<?>> batch;
      synchronized (lock) {
        while (!mine.done && combining) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            interrupted = true;  // the change may already be in a write: wait for its outcome
          }
        }
        if (mine.done) {
          break;
        }
        combining = true;
        batch = new ArrayList<>(queue);
        queue.clear();
      }
      try {
        writeBatch(batch);
      } catch (RuntimeException e) {
        batch.forEach(p -> p.failed = e);
      } finally {
        synchronized (lock) {
          batch.forEach(p -> p.done = true);
          combining = false;
          lock.notifyAll();
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (mine.failed != null) {
      throw mine.failed;
    }
    if (mine.refused != null) {
      throw mine.refused;
    }
    return mine.result;
  }

  private void writeBatch(List<Pending<?>> batch) {
    // true once the value worked on is what a failed write found in the store, not a copy kept from before
    boolean confirmed = false;
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (known == null && !knownAbsent) {
        remember(freshest());
      }
      RangeBitmap bitmap = current(known);
      byte[] before = bitmap.snapshot();
      batch.forEach(p -> p.apply(bitmap));
      if (confirmed && Arrays.equals(before, bitmap.snapshot())) {
        return;  // refused (or a no-op) on the store's own value: nothing to write
      }
      // a refusal on a kept copy may be stale (another apiserver freed the value since), so it is
      // confirmed as Kubernetes' GuaranteedUpdate does: the unchanged value is written back with the
      // same compare-and-swap, which holds only if the copy is still current
      WriteResult r;
      try {
        r = write(known, bitmap);
      } catch (RuntimeException e) {
        known = null;  // the outcome is unknown: read the key again next time
        knownAbsent = false;
        throw e;
      }
      if (r.succeeded()) {
        remember(r.current());
        return;
      }
      remember(r.current());  // another apiserver's write won: run the batch again on its value
      confirmed = true;
    }
    throw new IllegalStateException("the range allocation at " + key + " kept changing under "
        + MAX_ATTEMPTS + " attempts to update it");
  }

  private void remember(KeyValue kv) {
    known = kv;
    knownAbsent = kv == null;
    noteNewest(kv);
  }

  /** Any thread: keeps {@code kv} when it is newer than what {@link #freshest} knows. */
  private void noteNewest(KeyValue kv) {
    if (kv != null) {
      newestSeen.accumulateAndGet(kv, (a, b) -> a == null || b.modRevision() > a.modRevision() ? b : a);
    }
  }

  /** The store's copy of the record, or what this process wrote last when that is newer. */
  private KeyValue freshest() {
    KeyValue stored = storage.get(key).orElse(null);
    KeyValue mine = newestSeen.get();
    return mine != null && (stored == null || mine.modRevision() > stored.modRevision()) ? mine : stored;
  }

  private RangeBitmap current(KeyValue kv) {
    StringBuilder why = new StringBuilder();
    return RangeRecord.decode(kv == null ? null : kv.value(), range, size, why).orElseThrow(() ->
        new IllegalStateException("the range allocation at " + key + " is not for " + range + ": " + why
            + "; the allocator repair rewrites it"));
  }

  private WriteResult write(KeyValue base, RangeBitmap bitmap) {
    byte[] value = RangeRecord.encode(range, bitmap);
    Write w = base == null ? Write.create(key, value) : Write.update(key, base.modRevision(), value);
    try {
      return storage.writeRecord(w).join();  // the result is kept in known: no wait for the watch
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
    }
  }

  @Override
  public <R> R read(Function<RangeBitmap, R> query) {
    return query.apply(current(freshest()));
  }

  /**
   * Starts from the store's copy of the key (not the combined writes' memory) and, after a
   * conflict, from the value that won; {@code rebuild} runs after that read each time.
   */
  @Override
  public <R> R reconcile(RangeChange<R> rebuild) throws AllocationException {
    KeyValue base = freshest();
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      StringBuilder why = new StringBuilder();
      RangeBitmap bitmap = RangeRecord.decode(base == null ? null : base.value(), range, size, why)
          .orElseGet(() -> new RangeBitmap(size));  // another range's record: rebuilt from the Services alone
      byte[] before = base == null || why.length() > 0 ? null : bitmap.snapshot();
      R result = rebuild.apply(bitmap);
      if (before != null && Arrays.equals(before, bitmap.snapshot())) {
        return result;
      }
      WriteResult r = write(base, bitmap);
      if (r.succeeded()) {
        noteNewest(r.current());  // the combining thread's own copy is corrected by its next CAS
        return result;
      }
      base = r.current();  // what won, read by the failed write itself: a local copy may lag behind it
    }
    throw new IllegalStateException("the range allocation at " + key + " kept changing under "
        + MAX_ATTEMPTS + " attempts to repair it");
  }

  @Override
  public RangeState copy() {
    return read(LocalRange::of);
  }
}
