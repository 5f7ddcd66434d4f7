package io.svclab.apiserver.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * The narrow storage seam (the etcd model): keyed values with revisions, conditional writes,
 * and a history of changes to watch from. Everything above it (defaults, validation,
 * allocation, selectors) is storage-agnostic, so SQLite and etcd are interchangeable.
 *
 * <p>Contract: every successful write gets its own revision, strictly greater than all
 * earlier ones; a write is acknowledged only once durable; every read started after a write
 * was acknowledged shows it (read-your-write); listeners see every committed change exactly
 * once, in revision order (SQLite: before the write's future completes; etcd: as its watch
 * delivers it, which reads wait for).
 */
public interface Storage extends AutoCloseable {
  /** The revision of the newest committed write (0 on an empty store). */
  long revision();

  Optional<KeyValue> get(String key);

  /** Keys starting with {@code prefix}, in key order, after {@code startAfter} (exclusive, "" = from the start), at most {@code limit} (0 = all). */
  List<KeyValue> list(String prefix, String startAfter, int limit);

  /** All objects under a prefix together with the revision they are current at. */
  Snapshot snapshot(String prefix);

  CompletableFuture<WriteResult> write(Write write);

  /**
   * A write of a record its writer reads back only from the result, never through {@link #get}
   * (an allocator's range, kept under a key no kind lists or watches): completes once the write is
   * durable, possibly before listeners and {@link #get} have seen it. Everything else of
   * {@link #write} holds; a store whose writes are seen at once answers the same as {@link #write}.
   */
  default CompletableFuture<WriteResult> writeRecord(Write write) {
    return write(write);
  }

  /** Committed changes with revision greater than {@code afterRevision} still in the history window. */
  List<StorageEvent> history(long afterRevision) throws RevisionExpiredException;

  /** The oldest revision {@link #history} can still start after. */
  long oldestResumableRevision();

  /** Registers a listener that receives every change committed from now on. */
  void addListener(Consumer<StorageEvent> listener);

  /**
   * Discards the history of changes before {@code revision} (etcd's Compact): afterwards
   * {@link #history} after any revision below {@code revision - 1} is expired.
   */
  void compact(long revision);

  /**
   * Registers a listener told when the store lost history it had promised (its etcd watch had to
   * restart past a compaction): the changes between the last delivered event and {@code revision}
   * will never reach listeners, the current state is as of {@code revision}, and every reader must
   * start over from there (watchers get "too old resource version" and relist). SQLite never does.
   */
  default void addResetListener(LongConsumer listener) {}

  @Override
  void close();
}
