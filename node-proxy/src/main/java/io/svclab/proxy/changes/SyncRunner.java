package io.svclab.proxy.changes;

import io.svclab.proxy.snapshot.ProxierFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kube-proxy's BoundedFrequencyRunner, reduced: requests coalesce, syncs are rate-limited to
 * one per {@code minInterval} with a burst of two ({@link SyncTokens}, kube-proxy's
 * {@code burstSyncs}), and one runs every {@code maxInterval} regardless (retrying what
 * failed). A {@link ProxierFailure} waits for that periodic sync instead of retrying at once.
 * One thread; the sync function never runs concurrently with itself.
 */
public final class SyncRunner implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SyncRunner.class);

  private final Duration minInterval;
  private final Duration maxInterval;
  private final Runnable sync;
  private final Clock clock;
  private final Thread thread;
  private boolean pending;
  private Instant pendingSince;
  private volatile Instant lastSuccess;
  private volatile boolean running = true;

  public SyncRunner(Duration minInterval, Duration maxInterval, Runnable sync, Clock clock) {
    this.minInterval = minInterval;
    this.maxInterval = maxInterval;
    this.sync = sync;
    this.clock = clock;
    this.thread = new Thread(this::loop, "proxy-sync");
    this.thread.setDaemon(true);
  }

  public SyncRunner start() {
    thread.start();
    return this;
  }

  public synchronized void request() {
    if (!pending) {
      pending = true;
      pendingSince = clock.instant();
    }
    notifyAll();
  }

  public Instant lastSuccess() {
    return lastSuccess;
  }

  public synchronized Instant pendingSince() {
    return pending ? pendingSince : null;
  }

  private void loop() {
    SyncTokens tokens = new SyncTokens(minInterval, SyncTokens.KUBE_PROXY_BURST, System.nanoTime());
    while (running) {
      try {
        synchronized (this) {
          long deadline = System.nanoTime() + maxInterval.toNanos();
          while (!pending && running) {
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            wait(Math.max(1, left / 1_000_000));
          }
        }
        long wait = tokens.waitNanos(System.nanoTime());
        if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        if (!running) break;
        synchronized (this) {
          pending = false;
        }
        tokens.take(System.nanoTime());
        try {
          sync.run();
          lastSuccess = clock.instant();
        } catch (ProxierFailure e) {
          // logged by the proxier; the next periodic sync (maxInterval) is the retry
        } catch (RuntimeException e) {
          log.error("proxy sync failed; retrying", e);
          request();
        }
      } catch (InterruptedException e) {
        break;
      }
    }
  }

  @Override
  public void close() {
    running = false;
    synchronized (this) {
      notifyAll();
    }
    thread.interrupt();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
