package io.svclab.apiserver.store.etcd;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.svclab.apiserver.store.HistoryRing;
import io.svclab.apiserver.store.KeyValue;
import io.svclab.apiserver.store.RevisionExpiredException;
import io.svclab.apiserver.store.Snapshot;
import io.svclab.apiserver.store.Storage;
import io.svclab.apiserver.store.StorageEvent;
import io.svclab.apiserver.store.StorageUnavailableException;
import io.svclab.apiserver.store.StoreMetrics;
import io.svclab.apiserver.store.Write;
import io.svclab.apiserver.store.WriteResult;
import io.svclab.etcd.v3.CompactionRequest;
import io.svclab.etcd.v3.KVGrpc;
import io.svclab.etcd.v3.MaintenanceGrpc;
import io.svclab.etcd.v3.RangeRequest;
import io.svclab.etcd.v3.RangeResponse;
import io.svclab.etcd.v3.StatusRequest;
import io.svclab.etcd.v3.TxnResponse;
import io.svclab.etcd.v3.WatchCreateRequest;
import io.svclab.etcd.v3.WatchGrpc;
import io.svclab.etcd.v3.WatchRequest;
import io.svclab.etcd.v3.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Storage} on etcd's v3 API, as kube-apiserver keeps its objects: every write is one
 * transaction (compare mod revision, put or delete), etcd's revision is the resourceVersion, and
 * one etcd watch on the key prefix (with {@code prev_kv}, {@code progress_notify}) feeds a local
 * copy of the current state, the history ring and the listeners (the watch cache). Reads are
 * served from that copy, so a list and its revision always agree. A write is acknowledged once
 * etcd's transaction succeeded, as kube-apiserver answers its writes. Reads keep read-your-write
 * as Kubernetes' consistent reads from its watch cache do, by waiting for the watch: a list, a
 * snapshot or the revision until it delivered every acknowledged write, a get until it delivered
 * the last acknowledged write of that key (a lookup of another key, such as the namespace a
 * create is admitted into, does not queue behind the watch). When the watch breaks it resumes
 * from the last delivered revision; if etcd compacted that away meanwhile the copy is reloaded
 * and the reset listeners are told (watchers relist, as Kubernetes' watch cache does).
 */
public final class EtcdStorage implements Storage {
  private static final Logger log = LoggerFactory.getLogger(EtcdStorage.class);
  private static final int PAGE = 1000;
  private static final long REQUEST_TIMEOUT_SECONDS = 10;
  // the watch restarts with back-off while etcd is away: quick after a blip, every 5 s during an outage
  private static final long FIRST_RESTART_DELAY_MILLIS = 200;
  private static final long MAX_RESTART_DELAY_MILLIS = 5_000;

  private final ManagedChannel channel;
  private final StoreMetrics metrics;
  private final String endpoints;
  private final EtcdKeys keys;
  private final KVGrpc.KVStub kv;
  private final KVGrpc.KVBlockingStub kvBlocking;
  private final ConcurrentSkipListMap<String, KeyValue> current = new ConcurrentSkipListMap<>();
  private final HistoryRing history;
  private final ReentrantReadWriteLock applyLock = new ReentrantReadWriteLock();
  private final List<Consumer<StorageEvent>> listeners = new CopyOnWriteArrayList<>();
  private final List<LongConsumer> resetListeners = new CopyOnWriteArrayList<>();
  private final TreeMap<Long, List<Runnable>> awaitingWatch = new TreeMap<>();
  private final ScheduledExecutorService watchRestarts =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "etcd-watch-restart"));
  private final AtomicBoolean lost = new AtomicBoolean();
  /** The newest revision a {@link #write} was acknowledged at: lists and revisions show at least this much. */
  private final AtomicLong acknowledged = new AtomicLong();
  /**
   * Keys with a write acknowledged (at that revision) that the watch may not have delivered yet:
   * a get of such a key waits for it, a get of any other key answers at once.
   */
  private final ConcurrentHashMap<String, Long> acknowledgedKeys = new ConcurrentHashMap<>();
  /** Set on the thread that applies watch responses: its listeners read without waiting for it. */
  private final ThreadLocal<Boolean> delivering = ThreadLocal.withInitial(() -> false);
  private volatile long revision;
  private volatile int watchGeneration;
  private volatile long restartDelayMillis = FIRST_RESTART_DELAY_MILLIS;
  private volatile StreamObserver<WatchRequest> watchRequests;
  private volatile boolean closed;

  /**
   * Connects and loads the current state under the prefix.
   *
   * @param endpoints the etcd endpoints as given, for messages
   * @throws StorageUnavailableException when etcd does not answer within {@code connectTimeout}
   */
  public EtcdStorage(ManagedChannel channel, String endpoints, EtcdKeys keys, int historyWindow,
      Duration connectTimeout, StoreMetrics metrics) {
    this.metrics = metrics;
    this.channel = channel;
    this.endpoints = endpoints;
    this.keys = keys;
    this.history = new HistoryRing(historyWindow);
    // a transaction's answer only completes the future its caller joins: it runs on the transport
    // thread instead of a hop through the channel's executor first
    this.kv = KVGrpc.newStub(channel).withExecutor(Runnable::run);
    this.kvBlocking = KVGrpc.newBlockingStub(channel);
    try {
      MaintenanceGrpc.newBlockingStub(channel).withWaitForReady()
          .withDeadlineAfter(connectTimeout.toMillis(), TimeUnit.MILLISECONDS).status(StatusRequest.getDefaultInstance());
      long loaded = load(connectTimeout);
      history.restartAt(loaded);
      log.info("store loaded from etcd at {}: {} objects under {} at revision {}", endpoints, current.size(),
          keys.prefix(), loaded);
    } catch (StatusRuntimeException e) {
      channel.shutdownNow();
      throw new StorageUnavailableException("cannot reach etcd at " + endpoints + " within "
          + connectTimeout.toSeconds() + "s: " + describe(e), e);
    }
    startWatch();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private static String describe(StatusRuntimeException e) {
    Status s = e.getStatus();
    String cause = s.getCause() == null ? "" : " (" + s.getCause().getMessage() + ")";
    return s.getCode() + (s.getDescription() == null ? "" : ": " + s.getDescription()) + cause;
  }

  /** Reads every key under the prefix at one revision, in pages, into the local copy; returns that revision. */
  private long load(Duration timeout) {
    TreeMap<String, KeyValue> loaded = new TreeMap<>();
    var rangeEnd = keys.rangeEnd("");
    var from = keys.key("");
    long at = 0;
    while (true) {
      RangeResponse r = kvBlocking.withWaitForReady().withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .range(RangeRequest.newBuilder().setKey(from).setRangeEnd(rangeEnd).setLimit(PAGE).setRevision(at).build());
      at = r.getHeader().getRevision();
      for (var item : r.getKvsList()) {
        KeyValue kv = Transactions.keyValue(item, keys);
        loaded.put(kv.key(), kv);
      }
      if (!r.getMore() || r.getKvsCount() == 0) {
        break;
      }
      from = r.getKvs(r.getKvsCount() - 1).getKey().concat(com.google.protobuf.ByteString.copyFrom(new byte[] {0}));
    }
    applyLock.writeLock().lock();
    try {
      current.clear();
      current.putAll(loaded);
      long loadedAt = at;
      acknowledgedKeys.values().removeIf(acked -> acked <= loadedAt);
      revision = at;
    } finally {
      applyLock.writeLock().unlock();
    }
    return at;
  }

  // ---------------- the watch ----------------

  private void startWatch() {
    if (closed) {
      return;
    }
    int generation = ++watchGeneration;
    long from = revision + 1;
    StreamObserver<WatchRequest> requests = WatchGrpc.newStub(channel).watch(new StreamObserver<>() {
      @Override
      public void onNext(WatchResponse r) {
        if (generation == watchGeneration) {
          onWatchResponse(r);
        }
      }

      @Override
      public void onError(Throwable t) {
        if (generation == watchGeneration) {
          watchBroke(t instanceof StatusRuntimeException s ? describe(s) : t.toString());
        }
      }

      @Override
      public void onCompleted() {
        if (generation == watchGeneration) {
          watchBroke("the watch stream ended");
        }
      }
    });
    watchRequests = requests;
    requests.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder()
        .setKey(keys.key("")).setRangeEnd(keys.rangeEnd("")).setStartRevision(from)
        .setPrevKv(true).setProgressNotify(true)).build());
  }

  private void onWatchResponse(WatchResponse r) {
    delivering.set(true);
    try {
      handleWatchResponse(r);
    } finally {
      delivering.set(false);
    }
  }

  private void handleWatchResponse(WatchResponse r) {
    if (WatchEvents.isCompacted(r)) {
      long compactedAt = r.getCompactRevision();
      watchGeneration++;
      watchRestarts.execute(() -> restartPastCompaction(compactedAt));
      return;
    }
    if (r.getCreated()) {
      restartDelayMillis = FIRST_RESTART_DELAY_MILLIS;
      back();
      return;
    }
    if (r.getCanceled()) {
      watchBroke("etcd canceled the watch: " + r.getCancelReason());
      return;
    }
    List<StorageEvent> events = WatchEvents.events(r, keys);
    if (events.isEmpty()) {
      // a progress notification: nothing of ours changed up to the header's revision
      revision = Math.max(revision, r.getHeader().getRevision());
    } else {
      apply(events);
    }
    releaseWaitersThrough(revision);
  }

  private void apply(List<StorageEvent> events) {
    applyLock.writeLock().lock();
    try {
      for (StorageEvent ev : events) {
        if (ev.isDelete()) {
          current.remove(ev.key());
        } else {
          current.put(ev.key(), new KeyValue(ev.key(), ev.value(), ev.createRevision(), ev.revision()));
        }
        history.add(ev);
        revision = Math.max(revision, ev.revision());
        // after the revision moved: an acknowledgement recorded from now on sees it delivered
        acknowledgedKeys.computeIfPresent(ev.key(), (k, acked) -> acked <= ev.revision() ? null : acked);
      }
    } finally {
      applyLock.writeLock().unlock();
    }
    for (StorageEvent ev : events) {
      for (Consumer<StorageEvent> l : listeners) {
        try {
          l.accept(ev);
        } catch (RuntimeException e) {
          log.error("storage listener failed on revision {}: {}", ev.revision(), e.toString(), e);
        }
      }
    }
  }

  private void watchBroke(String why) {
    if (closed) {
      return;
    }
    watchGeneration++;
    lost(why);
    long delay = restartDelayMillis;
    restartDelayMillis = Math.min(MAX_RESTART_DELAY_MILLIS, delay * 2);
    watchRestarts.schedule(this::startWatch, delay, TimeUnit.MILLISECONDS);
  }

  /** The watch's start revision was compacted away: reload the state and start every reader over. */
  private void restartPastCompaction(long compactedAt) {
    if (closed) {
      return;
    }
    long at;
    try {
      at = load(Duration.ofSeconds(REQUEST_TIMEOUT_SECONDS));
    } catch (StatusRuntimeException e) {
      watchBroke("reloading after a compaction: " + describe(e));
      return;
    }
    history.restartAt(at);
    log.warn("etcd compacted revision {} before the watch caught up: state reloaded at revision {}, watchers"
        + " start over (too old resource version)", compactedAt, at);
    for (LongConsumer l : resetListeners) {
      l.accept(at);
    }
    releaseWaitersThrough(at);
    startWatch();
  }

  private void lost(String why) {
    if (lost.compareAndSet(false, true)) {
      log.warn("etcd at {} lost: {}; writes fail with UNAVAILABLE until it is back", endpoints, why);
    }
  }

  private void back() {
    if (lost.compareAndSet(true, false)) {
      log.info("etcd at {} is back (watch resumes after revision {})", endpoints, revision);
    }
  }

  // ---------------- writes ----------------

  /** Acknowledged once etcd's transaction succeeded; reads started afterwards show it. */
  @Override
  public CompletableFuture<WriteResult> write(Write w) {
    return transact(w, true);
  }

  /**
   * Acknowledged once etcd's transaction succeeded, and reads do not wait for it: the allocators'
   * ranges are read back from the result, not from this store's copy.
   */
  @Override
  public CompletableFuture<WriteResult> writeRecord(Write w) {
    return transact(w, false);
  }

  /** One etcd transaction; with {@code readsWait} reads started after its success wait until the watch delivered it. */
  private CompletableFuture<WriteResult> transact(Write w, boolean readsWait) {
    CompletableFuture<WriteResult> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(new IllegalStateException("store is closed"));
      return f;
    }
    if (metrics != null) {
      long start = System.nanoTime();
      f.thenRun(() -> metrics.observeCommit((System.nanoTime() - start) / 1e9));
    }
    kv.withDeadlineAfter(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS).txn(Transactions.request(w, keys),
        new StreamObserver<>() {
          @Override
          public void onNext(TxnResponse r) {
            back();
            WriteResult result = Transactions.result(w, r, keys);
            if (result.succeeded() && readsWait) {
              acknowledged.accumulateAndGet(result.revision(), Math::max);
              acknowledgedKeys.merge(w.key(), result.revision(), Math::max);
              if (revision >= result.revision()) {
                acknowledgedKeys.remove(w.key(), result.revision());  // the watch was first: nothing to wait for
              }
            }
            f.complete(result);
          }

          @Override
          public void onError(Throwable t) {
            f.completeExceptionally(failure(t));
          }

          @Override
          public void onCompleted() {}
        });
    return f;
  }

  private RuntimeException failure(Throwable t) {
    if (t instanceof StatusRuntimeException s && EtcdFailures.unreachable(s.getStatus().getCode())) {
      lost(describe(s));
      return new StorageUnavailableException("etcd at " + endpoints + " is unavailable: " + describe(s), t);
    }
    return new IllegalStateException("etcd write failed: " + t.getMessage(), t);
  }

  private void afterWatchDelivers(long writeRevision, Runnable done) {
    synchronized (awaitingWatch) {
      if (writeRevision > revision) {
        awaitingWatch.computeIfAbsent(writeRevision, r -> new ArrayList<>()).add(done);
        return;
      }
    }
    done.run();
  }

  private void releaseWaitersThrough(long delivered) {
    List<Runnable> ready = new ArrayList<>();
    synchronized (awaitingWatch) {
      Map<Long, List<Runnable>> head = awaitingWatch.headMap(delivered, true);
      head.values().forEach(ready::addAll);
      head.clear();
    }
    ready.forEach(Runnable::run);
  }

  // ---------------- reads ----------------

  /**
   * Waits until the watch delivered every acknowledged write, so a client reads what it wrote. A
   * watch that does not catch up within the request timeout (etcd went away right after a write)
   * is logged and the read answers from the copy as it is: reads stay available in an outage.
   */
  private void awaitAcknowledged() {
    awaitDelivered(acknowledged.get());
  }

  private void awaitDelivered(long wanted) {
    if (revision >= wanted || delivering.get() || closed) {
      return;
    }
    CountDownLatch caughtUp = new CountDownLatch(1);
    afterWatchDelivers(wanted, caughtUp::countDown);
    try {
      if (!caughtUp.await(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        log.warn("etcd's watch has not delivered revision {} within {}s (at {}): reading the older copy", wanted,
            REQUEST_TIMEOUT_SECONDS, revision);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public long revision() {
    awaitAcknowledged();
    return revision;
  }

  /** Waits only for an acknowledged write of this key (a lookup of another key does not queue behind the watch). */
  @Override
  public Optional<KeyValue> get(String key) {
    Long acked = acknowledgedKeys.get(key);
    if (acked != null) {
      awaitDelivered(acked);
      if (revision >= acked) {
        acknowledgedKeys.remove(key, acked);  // delivered before its ack was recorded: nothing left to wait for
      }
    }
    return Optional.ofNullable(current.get(key));
  }

  @Override
  public List<KeyValue> list(String prefix, String startAfter, int limit) {
    awaitAcknowledged();
    String from = startAfter == null || startAfter.isEmpty() || startAfter.compareTo(prefix) < 0 ? prefix : startAfter;
    boolean inclusive = from.equals(prefix);
    List<KeyValue> out = new ArrayList<>();
    for (KeyValue kv : current.subMap(from, inclusive, prefix + Character.MAX_VALUE, false).values()) {
      out.add(kv);
      if (limit > 0 && out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  @Override
  public Snapshot snapshot(String prefix) {
    awaitAcknowledged();
    applyLock.readLock().lock();
    try {
      return new Snapshot(revision, new ArrayList<>(current.subMap(prefix, true, prefix + Character.MAX_VALUE, false)
          .values()));
    } finally {
      applyLock.readLock().unlock();
    }
  }

  @Override
  public List<StorageEvent> history(long afterRevision) throws RevisionExpiredException {
    awaitAcknowledged();
    return history.after(afterRevision);
  }

  @Override
  public long oldestResumableRevision() {
    return history.oldestResumable();
  }

  @Override
  public void addListener(Consumer<StorageEvent> listener) {
    listeners.add(listener);
  }

  @Override
  public void addResetListener(LongConsumer listener) {
    resetListeners.add(listener);
  }

  /** etcd's Compact; one already compacted further (by another apiserver) is no error. */
  @Override
  public void compact(long compactRevision) {
    try {
      kvBlocking.withDeadlineAfter(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .compact(CompactionRequest.newBuilder().setRevision(compactRevision).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.OUT_OF_RANGE) {
        throw failure(e);
      }
    }
    history.forgetThrough(compactRevision - 1);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    watchGeneration++;
    watchRestarts.shutdownNow();
    StreamObserver<WatchRequest> requests = watchRequests;
    if (requests != null) {
      try {
        requests.onError(Status.CANCELLED.withDescription("store closed").asRuntimeException());
      } catch (RuntimeException e) {
        // the stream is already gone
      }
    }
    channel.shutdownNow();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
