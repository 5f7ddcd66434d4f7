package io.svclab.apiserver.store;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-apiserver's compactor: every interval, compact at the revision seen one interval ago, so
 * a watcher that fell behind has had at least one interval to resume before its history goes.
 * Several apiservers compacting the same etcd is harmless (a revision already compacted is no error).
 */
public final class Compactor implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Compactor.class);

  private final Storage storage;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "storage-compactor");
        t.setDaemon(true);
        return t;
      });
  private long seenLastTime;
  private long compacted;

  public Compactor(Storage storage, Duration interval) {
    this.storage = storage;
    this.seenLastTime = storage.revision();
    timer.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    long target = seenLastTime;
    seenLastTime = storage.revision();
    if (target <= compacted) {
      return;
    }
    try {
      storage.compact(target);
      compacted = target;
      log.debug("compacted the store's history before revision {}", target);
    } catch (RuntimeException e) {
      log.warn("compacting the store at revision {} failed: {}", target, e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
