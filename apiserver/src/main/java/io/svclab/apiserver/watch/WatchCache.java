package io.svclab.apiserver.watch;

import com.google.protobuf.Message;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.apiserver.store.KeyValue;
import io.svclab.apiserver.store.RevisionExpiredException;
import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.StorageEvent;
import io.svclab.client.resource.ResourceKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The decoded window of the last N changes that every watch is served from (kube-apiserver's
 * watch cache). Filled by the storage listener in revision order; primed at start-up from the
 * store's persisted history so watchers can resume across a restart.
 */
public final class WatchCache implements AutoCloseable {
  private final WatchEntry[] ring;
  private final Function<String, ResourceKind<?>> kindOfKey;
  private final Map<ResourceKind<?>, Set<Watcher>> watchers = new ConcurrentHashMap<>();
  private final ExecutorService drainers;
  private final ScheduledExecutorService bookmarkTimer;
  private volatile long newest;
  private volatile long oldestResumable;

  public WatchCache(Storage storage, int capacity, Function<String, ResourceKind<?>> kindOfKey,
      long bookmarkIntervalMillis) {
    this.ring = new WatchEntry[capacity];
    this.kindOfKey = kindOfKey;
    this.drainers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        r -> daemon(r, "watch-drain"));
    this.bookmarkTimer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "watch-bookmarks"));
    synchronized (this) {
      long from = Math.max(storage.oldestResumableRevision(), storage.revision() - capacity);
      try {
        for (StorageEvent ev : storage.history(from)) {
          append(ev);
        }
      } catch (RevisionExpiredException e) {
        throw new IllegalStateException(e);
      }
      newest = storage.revision();
      oldestResumable = from;
      storage.addListener(this::onStorageEvent);
      storage.addResetListener(this::reset);
    }
    bookmarkTimer.scheduleAtFixedRate(this::bookmarkAll, bookmarkIntervalMillis, bookmarkIntervalMillis,
        TimeUnit.MILLISECONDS);
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private void onStorageEvent(StorageEvent ev) {
    ResourceKind<?> kind;
    synchronized (this) {
      kind = append(ev);
    }
    if (kind != null) {
      for (Watcher w : watchers.getOrDefault(kind, Set.of())) {
        w.signal();
      }
    }
  }

  /**
   * The store lost history (its etcd watch restarted past a compaction): nothing before
   * {@code revision} can be replayed, so every watcher behind it ends with "too old resource
   * version" and relists, as Kubernetes' watch cache does after it relists etcd.
   */
  private void reset(long revision) {
    synchronized (this) {
      java.util.Arrays.fill(ring, null);
      newest = Math.max(newest, revision);
      oldestResumable = newest;
    }
    for (Set<Watcher> set : watchers.values()) {
      for (Watcher w : set) {
        w.signal();
      }
    }
  }

  private ResourceKind<?> append(StorageEvent ev) {
    // revisions with no change of ours (an etcd shared with other writers) become empty entries,
    // so a watcher walks across them instead of taking the gap for a lost window
    long gapStart = Math.max(newest + 1, ev.revision() - ring.length);
    for (long r = gapStart; r < ev.revision(); r++) {
      ring[(int) (r % ring.length)] = new WatchEntry(r, null, null, null, null);
    }
    ResourceKind<?> kind = kindOfKey.apply(ev.key());
    WatchEntry entry = kind == null ? null : decode(kind, ev);
    ring[(int) (ev.revision() % ring.length)] = entry == null ? new WatchEntry(ev.revision(), null, null, null, null) : entry;
    newest = ev.revision();
    oldestResumable = Math.max(oldestResumable, newest - ring.length);
    return kind;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static WatchEntry decode(ResourceKind kind, StorageEvent ev) {
    String rv = Long.toString(ev.revision());
    Message prev = ev.previousValue() == null ? null : kind.parse(ev.previousValue());
    if (ev.isDelete()) {
      Message last = withVersion(kind, prev, rv);
      return new WatchEntry(ev.revision(), kind, EventType.DELETED, last, last);
    }
    Message obj = withVersion(kind, kind.parse(ev.value()), rv);
    return new WatchEntry(ev.revision(), kind, prev == null ? EventType.ADDED : EventType.MODIFIED, obj, prev);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Message withVersion(ResourceKind kind, Message m, String rv) {
    ObjectMeta meta = kind.meta(m);
    return kind.withMeta(m, meta.toBuilder().setResourceVersion(rv).build());
  }

  long newestRevision() {
    return newest;
  }

  long oldestResumable() {
    return oldestResumable;
  }

  /** The entry at a revision, or null once it has left the window. */
  WatchEntry entry(long revision) {
    if (revision <= oldestResumable) {
      return null;
    }
    WatchEntry e = ring[(int) (revision % ring.length)];
    return e != null && e.revision() == revision ? e : null;
  }

  /**
   * Starts a watch delivering every change after {@code fromRevision}.
   *
   * @throws RevisionExpiredException when that revision has already left the window
   */
  public Watcher watch(ResourceKind<?> kind, long fromRevision, WatchFilter filter, WatchSink sink,
      boolean bookmarks) throws RevisionExpiredException {
    Watcher w = new Watcher(this, kind, filter, sink, bookmarks, fromRevision, drainers);
    synchronized (this) {
      if (fromRevision < oldestResumable) {
        throw new RevisionExpiredException(fromRevision, oldestResumable);
      }
      watchers.computeIfAbsent(kind, k -> ConcurrentHashMap.newKeySet()).add(w);
    }
    w.signal();
    return w;
  }

  void remove(Watcher w) {
    Set<Watcher> set = watchers.get(w.kind());
    if (set != null) {
      set.remove(w);
    }
  }

  public int watcherCount() {
    return watchers.values().stream().mapToInt(Set::size).sum();
  }

  private void bookmarkAll() {
    for (Set<Watcher> set : watchers.values()) {
      for (Watcher w : set) {
        w.requestBookmark();
      }
    }
  }

  /** Decodes a stored object with its resourceVersion set, as every read returns it. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T extends Message> T decode(ResourceKind<T> kind, KeyValue kv) {
    return (T) withVersion(kind, kind.parse(kv.value()), Long.toString(kv.modRevision()));
  }

  @Override
  public void close() {
    bookmarkTimer.shutdownNow();
    for (Set<Watcher> set : watchers.values()) {
      for (Watcher w : List.copyOf(set)) {
        w.stop();
      }
    }
    drainers.shutdownNow();
  }
}
