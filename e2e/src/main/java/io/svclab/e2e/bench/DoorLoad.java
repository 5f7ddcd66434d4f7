package io.svclab.e2e.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rest benchmark's load generator, the same for both front doors: {@code clients} threads,
 * each holding one watch on Services and repeating kubectl's create, get, list (as {@code kubectl
 * create}, {@code kubectl get svc NAME}, {@code kubectl get svc -l}) until the round's creates are
 * done; then waits for every watch to have seen every create.
 */
final class DoorLoad {
  private final int clients;
  private final int watchTimeoutSeconds;
  private final long serverPid;

  DoorLoad(int clients, int watchTimeoutSeconds, long serverPid) {
    this.clients = clients;
    this.watchTimeoutSeconds = watchTimeoutSeconds;
    this.serverPid = serverPid;
  }

  /** Runs one round of {@code creates} Services named {@code prefix + i} and returns its figures. */
  DoorRound run(FrontDoor door, String prefix, int creates) throws Exception {
    AtomicLong added = new AtomicLong();
    List<AutoCloseable> watches = new ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        watches.add(door.watch(n -> added.addAndGet(n)));
      }
      awaitWatchesLive(door, prefix, added);
      added.set(0);
      Latencies create = new Latencies(creates);
      Latencies get = new Latencies(creates);
      Latencies list = new Latencies(creates);
      Latencies all = new Latencies(3 * creates);
      double clientCpu0 = clientCpuSeconds();
      long serverTicks0 = BenchProcesses.cpuTicks(serverPid);
      long start = System.nanoTime();
      drive(creates, (client, i) -> {
        String name = prefix + i;
        record(timed(() -> door.create(client, name)), create, all);
        record(timed(() -> door.get(client, name)), get, all);
        record(timed(() -> door.list(client)), list, all);
      }, door.name());
      double seconds = (System.nanoTime() - start) / 1e9;
      double clientCpu = clientCpuSeconds() - clientCpu0;
      double serverCpu = (BenchProcesses.cpuTicks(serverPid) - serverTicks0) / 100.0;
      long expected = (long) clients * creates;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(watchTimeoutSeconds);
      while (added.get() < expected && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      return new DoorRound(door.name(), creates, seconds, create.percentileMillis(50), create.percentileMillis(99),
          get.percentileMillis(99), list.percentileMillis(99), all.percentileMillis(50), all.percentileMillis(99),
          added.get(), expected, clientCpu, serverCpu);
    } finally {
      for (AutoCloseable w : watches) {
        w.close();
      }
    }
  }

  /** Deletes what a round created (not measured), so every round starts on a store of the same size. */
  void deleteAll(FrontDoor door, String prefix, int count) throws Exception {
    drive(count, (client, i) -> door.delete(client, prefix + i), door.name() + " delete");
    door.delete(0, prefix + "live");
  }

  /** Creates one Service and waits until every watch has seen it: the watches are established. */
  private void awaitWatchesLive(FrontDoor door, String prefix, AtomicLong added) throws Exception {
    door.create(0, prefix + "live");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(watchTimeoutSeconds);
    while (added.get() < clients) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(door.name() + ": " + added.get() + " of " + clients + " watches live after "
            + watchTimeoutSeconds + " s");
      }
      Thread.sleep(20);
    }
  }

  interface Step {
    void run(int client, int i) throws Exception;
  }

  interface Call {
    void run() throws Exception;
  }

  private static void record(long nanos, Latencies verb, Latencies all) {
    verb.add(nanos);
    all.add(nanos);
  }

  private static long timed(Call call) throws Exception {
    long s = System.nanoTime();
    call.run();
    return System.nanoTime() - s;
  }

  /** {@code count} steps over {@code clients} threads, thread c being client c; fails on any failed step. */
  private void drive(int count, Step step, String what) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int t = 0; t < clients; t++) {
      int client = t;
      pool.execute(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          try {
            step.run(client, i);
          } catch (Exception e) {
            if (failures.incrementAndGet() <= 3) {
              System.err.println(what + " failed: " + e);
            }
          }
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
      pool.shutdownNow();
      throw new IllegalStateException(what + ": not finished within 30 minutes");
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(what + ": " + failures.get() + " of " + count + " failed");
    }
  }

  private static double clientCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()
        / 1e9;
  }
}
