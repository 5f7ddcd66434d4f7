package io.svclab.apiserver.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Storage} on one SQLite file, the k3s/kine model. Reads are served from an in-memory
 * copy of the current state; writes group-commit: all writes queued while one fsync runs share
 * the next transaction, so concurrent writers share fsyncs while each still gets its own
 * revision. One transaction runs at a time. A write that finds none running commits the queue
 * on its own thread (no hand-off to a writer thread and back: on a busy machine each hand-off
 * is a wait for the scheduler); writes that arrive during a commit are left to the store's
 * writer thread, so no caller commits more than the batch it joined. A write is acknowledged only after
 * its transaction committed with {@code synchronous=FULL}, so it survives {@code kill -9}.
 * The last {@code historyWindow} changes are kept in a table too, so watchers can resume
 * across an apiserver restart.
 */
public final class SqliteStorage implements Storage {
  private static final Logger log = LoggerFactory.getLogger(SqliteStorage.class);
  private static final int MAX_BATCH = 1024;

  private final Connection db;
  private final int historyWindow;
  private final ConcurrentSkipListMap<String, KeyValue> current = new ConcurrentSkipListMap<>();
  private final HistoryRing history;
  private final ReentrantReadWriteLock applyLock = new ReentrantReadWriteLock();
  private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  /** Held while a batch is committed: by the writer thread or by a caller that found the store idle. */
  private final ReentrantLock committing = new ReentrantLock();
  private final List<Consumer<StorageEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Thread writer;
  private final StoreMetrics metrics;
  private volatile long revision;
  private final AtomicLong compactRequested = new AtomicLong();
  private volatile boolean closed;

  private record Pending(Write write, CompletableFuture<WriteResult> result) {}

  public SqliteStorage(Path file, int historyWindow, StoreMetrics metrics) {
    this.historyWindow = historyWindow;
    this.history = new HistoryRing(historyWindow);
    this.metrics = metrics;
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = db.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL,"
            + " create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS history (rev INTEGER PRIMARY KEY, key TEXT NOT NULL,"
            + " value BLOB, prev_value BLOB, create_rev INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      }
      db.setAutoCommit(false);
      load();
      db.commit();
    } catch (Exception e) {
      throw new IllegalStateException("cannot open store " + file + ": " + e.getMessage(), e);
    }
    writer = new Thread(this::writeLoop, "store-writer");
    writer.setDaemon(true);
    writer.start();
  }

  private void load() throws SQLException {
    try (Statement s = db.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT key, value, create_rev, mod_rev FROM kv")) {
        while (rs.next()) {
          KeyValue kv = new KeyValue(rs.getString(1), rs.getBytes(2), rs.getLong(3), rs.getLong(4));
          current.put(kv.key(), kv);
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE name = 'revision'")) {
        revision = rs.next() ? rs.getLong(1) : 0;
      }
      try (ResultSet rs = s.executeQuery("SELECT rev, key, value, prev_value, create_rev FROM history"
          + " WHERE rev > " + (revision - historyWindow) + " ORDER BY rev")) {
        while (rs.next()) {
          history.add(new StorageEvent(rs.getLong(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4), rs.getLong(5)));
        }
      }
    }
    history.resetStart(revision);
    log.info("store loaded: {} objects at revision {}, history from {}", current.size(), revision,
        history.oldestResumable());
  }

  @Override
  public long revision() {
    return revision;
  }

  @Override
  public Optional<KeyValue> get(String key) {
    return Optional.ofNullable(current.get(key));
  }

  @Override
  public List<KeyValue> list(String prefix, String startAfter, int limit) {
    String from = startAfter == null || startAfter.isEmpty() || startAfter.compareTo(prefix) < 0 ? prefix : startAfter;
    boolean inclusive = from.equals(prefix);
    List<KeyValue> out = new ArrayList<>();
    for (KeyValue kv : current.subMap(from, inclusive, prefixEnd(prefix), false).values()) {
      out.add(kv);
      if (limit > 0 && out.size() >= limit) {
        break;
      }
    }
    return out;
  }

  @Override
  public Snapshot snapshot(String prefix) {
    applyLock.readLock().lock();
    try {
      return new Snapshot(revision, new ArrayList<>(current.subMap(prefix, true, prefixEnd(prefix), false).values()));
    } finally {
      applyLock.readLock().unlock();
    }
  }

  private static String prefixEnd(String prefix) {
    return prefix + Character.MAX_VALUE;
  }

  @Override
  public CompletableFuture<WriteResult> write(Write write) {
    CompletableFuture<WriteResult> f = new CompletableFuture<>();
    if (closed) {
      f.completeExceptionally(new IllegalStateException("store is closed"));
      return f;
    }
    queue.add(new Pending(write, f));
    // a write from a commit's own callback is left to the writer: one transaction at a time
    if (!committing.isHeldByCurrentThread() && committing.tryLock()) {
      try {
        commitQueued();
      } finally {
        committing.unlock();
      }
    }
    // what arrived during a commit (this one's or another's) is the writer's: a write queued while
    // the lock was held is seen here or by that holder's own check after it let go
    if (!queue.isEmpty()) {
      LockSupport.unpark(writer);
    }
    return f;
  }

  @Override
  public List<StorageEvent> history(long afterRevision) throws RevisionExpiredException {
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

  /** Trims the history now; its rows go with the next commit (only a commit touches the connection). */
  @Override
  public void compact(long revision) {
    history.forgetThrough(revision - 1);
    compactRequested.accumulateAndGet(revision, Math::max);
  }

  private void writeLoop() {
    while (!closed || !queue.isEmpty()) {
      if (queue.isEmpty()) {
        LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(200));
        if (Thread.interrupted()) {
          break;
        }
        continue;
      }
      committing.lock();
      try {
        commitQueued();
      } finally {
        committing.unlock();
      }
    }
  }

  /** Commits what is queued (up to one batch) in one transaction; the caller holds {@link #committing}. */
  private void commitQueued() {
    List<Pending> batch = new ArrayList<>();
    queue.drainTo(batch, MAX_BATCH);
    if (batch.isEmpty()) {
      return;
    }
    try {
      commitBatch(batch);
    } catch (RuntimeException e) {
      log.error("store writer failed a batch: {}", e.toString(), e);
      for (Pending p : batch) {
        p.result().completeExceptionally(e);
      }
    }
  }

  /** One transaction for the whole batch; each write still gets its own revision and precondition. */
  private void commitBatch(List<Pending> batch) {
    long start = System.nanoTime();
    long baseRevision = revision;
    long next = baseRevision;
    Map<String, KeyValue> staged = new HashMap<>();
    List<StorageEvent> events = new ArrayList<>();
    List<WriteResult> results = new ArrayList<>(batch.size());
    try (PreparedStatement put = db.prepareStatement(
            "INSERT OR REPLACE INTO kv (key, value, create_rev, mod_rev) VALUES (?, ?, ?, ?)");
        PreparedStatement del = db.prepareStatement("DELETE FROM kv WHERE key = ?");
        PreparedStatement hist = db.prepareStatement(
            "INSERT INTO history (rev, key, value, prev_value, create_rev) VALUES (?, ?, ?, ?, ?)")) {
      for (Pending p : batch) {
        Write w = p.write();
        KeyValue existing = staged.containsKey(w.key()) ? staged.get(w.key()) : current.get(w.key());
        if (!preconditionHolds(w, existing) || (w.isDelete() && existing == null)) {
          results.add(new WriteResult(false, next, existing));
          continue;
        }
        long rev = ++next;
        KeyValue written = null;
        if (w.isDelete()) {
          del.setString(1, w.key());
          del.addBatch();
        } else {
          long createRev = existing == null ? rev : existing.createRevision();
          written = new KeyValue(w.key(), w.value(), createRev, rev);
          put.setString(1, w.key());
          put.setBytes(2, w.value());
          put.setLong(3, createRev);
          put.setLong(4, rev);
          put.addBatch();
        }
        staged.put(w.key(), written);
        StorageEvent ev = new StorageEvent(rev, w.key(), w.value(), existing == null ? null : existing.value(),
            existing == null ? rev : existing.createRevision());
        hist.setLong(1, rev);
        hist.setString(2, w.key());
        hist.setBytes(3, w.value());
        hist.setBytes(4, ev.previousValue());
        hist.setLong(5, ev.createRevision());
        hist.addBatch();
        events.add(ev);
        results.add(new WriteResult(true, rev, written));
      }
      if (!events.isEmpty()) {
        put.executeBatch();
        del.executeBatch();
        hist.executeBatch();
        try (PreparedStatement meta = db.prepareStatement(
            "INSERT OR REPLACE INTO meta (name, value) VALUES ('revision', ?)")) {
          meta.setLong(1, next);
          meta.executeUpdate();
        }
        long compactTo = compactRequested.get();
        if (next / 1000 != baseRevision / 1000 || compactTo > 0) {
          try (PreparedStatement prune = db.prepareStatement("DELETE FROM history WHERE rev <= ?")) {
            prune.setLong(1, Math.max(next - historyWindow, compactTo - 1));
            prune.executeUpdate();
          }
          compactRequested.compareAndSet(compactTo, 0);
        }
        db.commit();
      }
    } catch (SQLException e) {
      try {
        db.rollback();
      } catch (SQLException ignored) {
        // the connection is broken; the writes are failed below either way
      }
      log.error("store commit failed, {} writes rejected: {}", batch.size(), e.getMessage());
      IllegalStateException failure = new IllegalStateException("storage commit failed: " + e.getMessage(), e);
      for (Pending p : batch) {
        p.result().completeExceptionally(failure);
      }
      return;
    }
    applyLock.writeLock().lock();
    try {
      for (StorageEvent ev : events) {
        if (ev.isDelete()) {
          current.remove(ev.key());
        } else {
          current.put(ev.key(), new KeyValue(ev.key(), ev.value(), ev.createRevision(), ev.revision()));
        }
        history.add(ev);
      }
      revision = next;
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
    if (metrics != null) {
      metrics.observeCommit(batch.size(), (System.nanoTime() - start) / 1e9);
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).result().complete(results.get(i));
    }
  }

  private static boolean preconditionHolds(Write w, KeyValue existing) {
    if (w.expectedModRevision() == Write.ANY) {
      return true;
    }
    if (w.expectedModRevision() == Write.ABSENT) {
      return existing == null;
    }
    return existing != null && existing.modRevision() == w.expectedModRevision();
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    LockSupport.unpark(writer);
    try {
      writer.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    committing.lock();  // a caller's commit in progress ends before the connection does
    try {
      for (Pending p; (p = queue.poll()) != null; ) {
        p.result().completeExceptionally(new IllegalStateException("store is closed"));
      }
      db.close();
    } catch (SQLException e) {
      log.warn("closing store: {}", e.getMessage());
    } finally {
      committing.unlock();
    }
  }
}
