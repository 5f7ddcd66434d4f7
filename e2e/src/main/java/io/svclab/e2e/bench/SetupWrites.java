package io.svclab.e2e.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A benchmark's setup writes (Services, pods, slices) on a few threads. Setup is not what is
 * measured, so a failed write is reported (the first five) and fails the setup rather than
 * leaving a benchmark to run on a cluster smaller than it says.
 */
final class SetupWrites {
  private SetupWrites() {}

  interface IntTask {
    void run(int i) throws Exception;
  }

  static void parallel(int count, int threads, IntTask task) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    for (int t = 0; t < threads; t++) {
      pool.execute(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          try {
            task.run(i);
          } catch (Exception e) {
            if (failed.incrementAndGet() <= 5) {
              System.err.println("setup write " + i + " failed: " + e);
            }
          }
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
      pool.shutdownNow();
      throw new IllegalStateException("setup writes did not finish in 30 minutes");
    }
    if (failed.get() > 0) {
      throw new IllegalStateException(failed.get() + " of " + count + " setup writes failed");
    }
  }
}
