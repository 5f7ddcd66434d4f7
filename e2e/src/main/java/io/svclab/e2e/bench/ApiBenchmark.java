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
 * {@code ./lab bench api}: svclab's apiserver and etcd under the same Java load generator
 * ({@code --storage etcd}: also svclab's apiserver on an etcd of its own):
 * concurrent creates of ~1 KiB Service values, then watch delivery to many watchers during a
 * write burst. Rounds alternate svclab, etcd, svclab, etcd, ... (with svclab-etcd between), each
 * on a fresh store (a new process on a new data dir); each round is printed, then the medians
 * and the median of the per-round ratios to etcd.
 */
@Command(name = "api", description = "apiserver and etcd under one load generator: creates, then watch delivery; interleaved rounds",
    mixinStandardHelpOptions = true)
final class ApiBenchmark implements Callable<Integer> {
  @Option(names = "--rounds", description = "rounds per system, interleaved (default: ${DEFAULT-VALUE})")
  private int rounds = 3;
  @Option(names = "--creates", description = "default: ${DEFAULT-VALUE}")
  private int creates = 5_000;
  @Option(names = "--clients", description = "default: ${DEFAULT-VALUE}")
  private int clients = 16;
  @Option(names = "--watchers", description = "default: ${DEFAULT-VALUE}")
  private int watchers = 200;
  @Option(names = "--burst", description = "default: ${DEFAULT-VALUE}")
  private int burst = 2_000;
  @Option(names = "--watch-timeout", description = "seconds (default: ${DEFAULT-VALUE})")
  private int watchTimeoutSeconds = 60;

  /** Issue 20's goal for svclab's create latency, 16 clients. */
  private static final int P99_GOAL_MS = 20;

  record Result(double createsPerSecond, double p50, double p99, double watchEventsPerSecond, long delivered,
      long expected) {}

  @Option(names = "--storage", description = "sqlite: svclab (on SQLite) and bare etcd; etcd: also svclab on an etcd of"
      + " its own (--storage etcd:...), the three interleaved (default: ${DEFAULT-VALUE})")
  private String storage = "sqlite";

  /** The systems of one round, in the order they run. */
  private List<String> systems() {
    return switch (storage) {
      case "sqlite" -> List.of("svclab", "etcd");
      case "etcd" -> List.of("svclab", "svclab-etcd", "etcd");
      default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--storage: Unsupported value: \"" + storage + "\": supported values: \"sqlite\", \"etcd\"");
    };
  }

  private static StoreTarget start(String system, Path dir) throws Exception {
    return switch (system) {
      case "svclab" -> new SvclabTarget(dir);
      case "svclab-etcd" -> SvclabTarget.onEtcd(dir);
      default -> new EtcdTarget(dir);
    };
  }

  @Override
  public Integer call() throws Exception {
    List<String> systems = systems();
    System.out.printf("api benchmark: %d rounds per system (%s, ...), each on a fresh store: %d creates "
        + "by %d clients, then %d watchers during a %d-write burst%n", rounds, String.join(", ", systems), creates, clients,
        watchers, burst);
    Path base = Files.createTempDirectory("svclab-bench-api");
    Map<String, List<Result>> results = new LinkedHashMap<>();
    systems.forEach(system -> results.put(system, new ArrayList<>()));
    try {
      for (int round = 1; round <= rounds; round++) {
        for (String system : results.keySet()) {
          Path dir = base.resolve(system + "-" + round);
          try (StoreTarget target = start(system, dir)) {
            System.out.printf("round %d, %s:%n", round, system);
            results.get(system).add(measure(target));
          }
          LabStart.deleteTree(dir);
        }
      }
    } finally {
      LabStart.deleteTree(base);
    }
    System.out.println();
    System.out.printf("%-6s %-11s %12s %9s %9s %16s %s%n", "round", "system", "creates/s", "p50 ms", "p99 ms",
        "watch events/s", "delivered");
    for (int i = 0; i < rounds; i++) {
      for (var e : results.entrySet()) {
        Result r = e.getValue().get(i);
        System.out.printf("%-6d %-11s %12.0f %9.2f %9.2f %16.0f %d/%d%n", i + 1, e.getKey(), r.createsPerSecond(), r.p50(),
            r.p99(), r.watchEventsPerSecond(), r.delivered(), r.expected());
      }
    }
    for (var e : results.entrySet()) {
      List<Result> rs = e.getValue();
      System.out.printf("%-6s %-11s %12.0f %9.2f %9.2f %16.0f%n", "median", e.getKey(),
          median(rs, Result::createsPerSecond), median(rs, Result::p50), median(rs, Result::p99),
          median(rs, Result::watchEventsPerSecond));
    }
    double createRatio = ratios(results, "svclab");
    double p99 = median(results.get("svclab"), Result::p99);
    if (storage.equals("sqlite")) {
      System.out.printf("median ratio svclab/etcd over %d rounds: creates/s %.2f (goal >= 1.0: %s); svclab median p99"
          + " %.1f ms (goal <= %d: %s)%n", rounds, createRatio, metOrMissed(createRatio >= 1.0), p99, P99_GOAL_MS,
          metOrMissed(p99 <= P99_GOAL_MS));
    } else {
      double etcdRatio = ratios(results, "svclab-etcd");
      System.out.printf("median ratio svclab-etcd/etcd over %d rounds: creates/s %.2f (goal >= 0.8: %s);"
          + " svclab (SQLite)/etcd %.2f%n", rounds, etcdRatio, metOrMissed(etcdRatio >= 0.8), createRatio);
    }
    double generator = median(results.get("etcd"), Result::createsPerSecond);
    for (String system : systems) {
      if (!system.equals("etcd")) {
        double rate = median(results.get(system), Result::createsPerSecond);
        System.out.printf("the generator was %s the ceiling for %s: the same %d clients drove bare etcd at %.0f creates/s"
            + " (median), %s's %.0f%n", generator > rate * 1.1 ? "not" : "possibly", system, clients, generator, system,
            rate);
      }
    }
    return 0;
  }

  /** Prints each round's {@code system}/etcd ratios and answers the median creates/s ratio. */
  private double ratios(Map<String, List<Result>> results, String system) {
    List<Double> createRatios = new ArrayList<>();
    List<Double> watchRatios = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      Result s = results.get(system).get(i);
      Result e = results.get("etcd").get(i);
      createRatios.add(s.createsPerSecond() / e.createsPerSecond());
      watchRatios.add(s.watchEventsPerSecond() / e.watchEventsPerSecond());
      System.out.printf("round %d ratio %s/etcd: creates/s %.2f, watch delivery %.2f%n", i + 1, system,
          createRatios.get(i), watchRatios.get(i));
    }
    double watchRatio = Spread.of(watchRatios).median();
    boolean everyEvent = results.get(system).stream().allMatch(r -> r.delivered() == r.expected());
    System.out.printf("median ratio %s/etcd over %d rounds: watch delivery %.2f (goal >= 1.0: %s); every event"
        + " delivered in every round: %s%n", system, rounds, watchRatio, metOrMissed(watchRatio >= 1.0),
        everyEvent ? "yes" : "no");
    return Spread.of(createRatios).median();
  }

  private static String metOrMissed(boolean met) {
    return met ? "met" : "missed";
  }

  private static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
    return Spread.of(rs.stream().map(r -> f.applyAsDouble(r)).toList()).median();
  }

  private Result measure(StoreTarget target) throws Exception {
    runCreates(target, "warm-", 500, null);
    Latencies lat = new Latencies(creates);
    long start = System.nanoTime();
    runCreates(target, "bench-", creates, lat);
    double seconds = (System.nanoTime() - start) / 1e9;
    double rate = creates / seconds;
    System.out.printf("  %s: %d creates in %.2f s = %.0f/s, p50 %.2f ms, p99 %.2f ms%n", target.name(), creates,
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
    System.out.printf("  %s: %d of %d watch events delivered in %.2f s = %.0f events/s%n", target.name(), got, expected,
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
