package io.svclab.e2e.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ./lab bench api}: svclab's apiserver and etcd under the same Java load generator:
 * concurrent creates of ~1 KiB Service values, then watch delivery to many watchers during a
 * write burst. Prints each figure and svclab/etcd ratios.
 */
@Command(name = "api", description = "apiserver and etcd under one load generator: creates, then watch delivery", mixinStandardHelpOptions = true)
final class ApiBenchmark implements Callable<Integer> {
  @Option(names = "--creates", description = "default: ${DEFAULT-VALUE}")
  private int creates = 20_000;
  @Option(names = "--clients", description = "default: ${DEFAULT-VALUE}")
  private int clients = 16;
  @Option(names = "--watchers", description = "default: ${DEFAULT-VALUE}")
  private int watchers = 1_000;
  @Option(names = "--burst", description = "default: ${DEFAULT-VALUE}")
  private int burst = 10_000;
  @Option(names = "--watch-timeout", description = "default: ${DEFAULT-VALUE}")
  private int watchTimeoutSeconds = 240;


  record Result(double createsPerSecond, double p50, double p99, double watchEventsPerSecond, long delivered,
      long expected) {}

  @Override
  public Integer call() throws Exception {
    System.out.printf("api benchmark: %d creates by %d clients; %d watchers during a %d-write burst%n",
        creates, clients, watchers, burst);
    Path base = Files.createTempDirectory("svclab-bench-api");
    Map<String, Result> results = new LinkedHashMap<>();
    try (StoreTarget svclab = new SvclabTarget(base.resolve("svclab"))) {
      results.put("svclab", measure(svclab));
    }
    try (StoreTarget etcd = new EtcdTarget(base.resolve("etcd"))) {
      results.put("etcd", measure(etcd));
    }
    System.out.println();
    System.out.printf("%-8s %12s %9s %9s %16s %s%n", "system", "creates/s", "p50 ms", "p99 ms", "watch events/s", "delivered");
    results.forEach((name, r) -> System.out.printf("%-8s %12.0f %9.2f %9.2f %16.0f %d/%d%n", name,
        r.createsPerSecond(), r.p50(), r.p99(), r.watchEventsPerSecond(), r.delivered(), r.expected()));
    Result s = results.get("svclab");
    Result e = results.get("etcd");
    System.out.printf("ratio svclab/etcd: creates/s %.2f (goal >= 1.0), watch delivery %.2f (goal >= 1.0); "
        + "svclab p99 %.1f ms (goal <= 50)%n", s.createsPerSecond() / e.createsPerSecond(),
        s.watchEventsPerSecond() / e.watchEventsPerSecond(), s.p99());
    return 0;
  }

  private Result measure(StoreTarget target) throws Exception {
    runCreates(target, "warm-", 500, null);
    Latencies lat = new Latencies(creates);
    long start = System.nanoTime();
    runCreates(target, "bench-", creates, lat);
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = creates / seconds;
    System.out.printf("%s: %d creates in %.2f s = %.0f/s, p50 %.2f ms, p99 %.2f ms%n", target.name(), creates,
        seconds, rate, lat.percentileMillis(50), lat.percentileMillis(99));

    AtomicLong delivered = new AtomicLong();
    List<AutoCloseable> open = new ArrayList<>();
    for (int i = 0; i < watchers; i++) {
      open.add(target.watch(n -> delivered.addAndGet(n)));
    }
    Thread.sleep(2000);  // let every watch be established before the burst
    delivered.set(0);
    long expected = (long) watchers * burst;
    long burstStart = System.nanoTime();
    runCreates(target, "burst-", burst, null);
    long deadline = burstStart + TimeUnit.SECONDS.toNanos(watchTimeoutSeconds);
    while (delivered.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    double watchSeconds = (System.nanoTime() - burstStart) / 1e9;
    long got = delivered.get();
    System.out.printf("%s: %d of %d watch events delivered in %.2f s = %.0f events/s%n", target.name(), got, expected,
        watchSeconds, got / watchSeconds);
    for (AutoCloseable c : open) {
      c.close();
    }
    return new Result(rate, lat.percentileMillis(50), lat.percentileMillis(99), got / watchSeconds, got, expected);
  }

  private void runCreates(StoreTarget target, String prefix, int count, Latencies lat) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger failures = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int t = 0; t < clients; t++) {
      pool.execute(() -> {
        int i;
        while ((i = next.getAndIncrement()) < count) {
          long s = System.nanoTime();
          try {
            target.create(prefix, i);
            if (lat != null) {
              lat.add(System.nanoTime() - s);
            }
          } catch (Exception e) {
            if (failures.incrementAndGet() <= 3) {
              System.err.println(target.name() + " create failed: " + e + (e.getCause() == null ? "" : " caused by " + e.getCause()));
            }
          }
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException("creates did not finish within 30 minutes");
    }
    if (failures.get() > 0) {
      throw new IllegalStateException(target.name() + ": " + failures.get() + " creates failed");
    }
  }
}
