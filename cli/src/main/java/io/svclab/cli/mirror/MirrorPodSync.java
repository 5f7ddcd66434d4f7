package io.svclab.cli.mirror;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Keeps the mirror pods current while the lab runs, as kubelet's periodic static-pod sync does:
 * a restarted process gets its new start time and restart count, a mirror pod someone deleted
 * comes back, within one period. A failed round (the apiserver restarting) is retried next period.
 */
public final class MirrorPodSync {
  public static final Duration PERIOD = Duration.ofSeconds(10);

  private MirrorPodSync() {}

  /** Runs rounds on a daemon thread until {@code stopping} says so. */
  public static Thread start(MirrorPodWriter writer, Supplier<List<MirrorPodWriter.Running>> running,
      BooleanSupplier stopping, PrintStream console) {
    Thread t = new Thread(() -> {
      String lastFailure = "";
      while (!stopping.getAsBoolean()) {
        try {
          writer.sync(running.get());
          lastFailure = "";
        } catch (RuntimeException e) {
          String failure = String.valueOf(e.getMessage());
          if (!failure.equals(lastFailure)) {
            console.println("lab                 | mirror pods not written (retrying): " + failure);
          }
          lastFailure = failure;
        }
        try {
          Thread.sleep(PERIOD.toMillis());
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "mirror-pods");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
