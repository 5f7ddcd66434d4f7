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
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (known == null && !knownAbsent) {
        remember(storage.get(key).orElse(null));
      }
      RangeBitmap bitmap = current(known);
      byte[] before = bitmap.snapshot();
      batch.forEach(p -> p.apply(bitmap));
      if (Arrays.equals(before, bitmap.snapshot())) {
        return;  // nothing taken or freed: nothing to write
      }
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
    }
    throw new IllegalStateException("the range allocation at " + key + " kept changing under "
        + MAX_ATTEMPTS + " attempts to update it");
  }

  private void remember(KeyValue kv) {
    known = kv;
    knownAbsent = kv == null;
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
      return storage.write(w).join();
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause.getMessage(), cause);
    }
  }

  @Override
  public <R> R read(Function<RangeBitmap, R> query) {
    return query.apply(current(storage.get(key).orElse(null)));
  }

  /** Reads the key afresh (not the combined writes' copy): repair must start from the stored truth. */
  @Override
  public <R> R reconcile(RangeChange<R> rebuild) throws AllocationException {
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      KeyValue base = storage.get(key).orElse(null);
      StringBuilder why = new StringBuilder();
      RangeBitmap bitmap = RangeRecord.decode(base == null ? null : base.value(), range, size, why)
          .orElseGet(() -> new RangeBitmap(size));  // another range's record: rebuilt from the Services alone
      byte[] before = base == null || why.length() > 0 ? null : bitmap.snapshot();
      R result = rebuild.apply(bitmap);
      if (before != null && Arrays.equals(before, bitmap.snapshot())) {
        return result;
      }
      if (write(base, bitmap).succeeded()) {
        return result;
      }
    }
    throw new IllegalStateException("the range allocation at " + key + " kept changing under "
        + MAX_ATTEMPTS + " attempts to repair it");
  }

  @Override
  public RangeState copy() {
    return read(LocalRange::of);
  }
}
