package io.svclab.dns.server;

import io.svclab.dns.records.ClusterRecords;
import io.svclab.dns.records.RecordIndex;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the {@link ClusterRecords} and publishes immutable {@link RecordIndex} snapshots.
 * Informer handlers {@link #update} the records (each change recomputes one Service); a
 * publisher thread wakes on a change, waits {@code debounceMillis} to batch a burst, builds
 * the index and swaps it in atomically, with the change from the previous one
 * ({@link RecordIndex#after}). Queries read {@link #get()} without locking.
 */
public final class IndexPublisher implements Supplier<RecordIndex>, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(IndexPublisher.class);

  private final ClusterRecords records = new ClusterRecords();
  private final AtomicReference<RecordIndex> current = new AtomicReference<>(RecordIndex.EMPTY);
  private final Object lock = new Object();
  private final long debounceMillis;
  private final BooleanSupplier synced;
  private final Clock clock;
  private final Thread thread;
  private boolean dirty;
  private volatile boolean running = true;
  private volatile long published;

  public IndexPublisher(long debounceMillis, BooleanSupplier synced, Clock clock) {
    this.debounceMillis = debounceMillis;
    this.synced = synced;
    this.clock = clock;
    this.thread = new Thread(this::run, "dns-index-publisher");
    this.thread.setDaemon(true);
  }

  public IndexPublisher start() {
    thread.start();
    return this;
  }

  @Override
  public RecordIndex get() {
    return current.get();
  }

  /** Applies a change and schedules a publish. */
  public void update(Consumer<ClusterRecords> change) {
    synchronized (lock) {
      change.accept(records);
      dirty = true;
      lock.notifyAll();
    }
  }

  /** Schedules a publish without a change (e.g. the informers have all synced). */
  public void touch() {
    update(r -> {});
  }

  /** Number of indexes published so far. */
  public long published() {
    return published;
  }

  private void run() {
    while (running) {
      try {
        synchronized (lock) {
          while (!dirty && running) {
            lock.wait(1000);
          }
        }
        if (!running) break;
        Thread.sleep(debounceMillis); // let a burst of events land in one index
        RecordIndex next;
        synchronized (lock) {
          dirty = false;
          boolean isSynced = synced.getAsBoolean();
          next = records.index(clock.millis() / 1000);
          if (!isSynced) next = next.unsynced();
        }
        // the change from the index served now rides along: cached replies it does not touch stay
        next = next.after(current.get());
        current.set(next);
        published++;
        log.debug("published index: {} services", next.serviceCount());
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        log.error("index publish failed", e);
      }
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
