package io.svclab.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab bench memory}: what an idle lab holds, as proportional set size (PSS, from
 * {@code /proc/PID/smaps_rollup}: shared pages such as the class-data archive's counted once over
 * the processes that map them), per component and in total with the launcher, after it has been
 * up and idle for a while. The anchor is the same build started with the JVM options the lab
 * used before issue 20 ({@link #beforeEnvironment}, passed through {@code SVCLAB_JVM_OPTIONS} and
 * {@code SVCLAB_LAUNCHER_JVM_OPTIONS}, which come last and so override the lab's own), in
 * interleaved rounds; each start's ready time is printed too. A k3s server, the other
 * anchor, cannot run offline here.
 */
@Command(name = "memory", description = "An idle lab's proportional set size per component and in total, beside the "
    + "same build with the JVM options of before issue 20", mixinStandardHelpOptions = true)
final class MemoryBenchmark implements Callable<Integer> {
  @Option(names = "--rounds", description = "interleaved before/after starts (default: ${DEFAULT-VALUE})")
  private int rounds = 2;
  @Option(names = "--idle", description = "seconds the lab stays idle after its ready line before it is measured "
      + "(default: ${DEFAULT-VALUE})")
  private int idleSeconds = 30;
  @Option(names = "--timeout", description = "seconds to wait for one start's ready line (default: ${DEFAULT-VALUE})")
  private int timeoutSeconds = 180;

  static final long GOAL_TOTAL_KIB = 400 * 1024;
  static final long GOAL_COMPONENT_KIB = 64 * 1024;
  static final String LAUNCHER = "(launcher ./lab up)";

  /** The two sets of JVM options compared. */
  enum Options {
    BEFORE("before (old options)"), AFTER("after (current)");

    final String label;

    Options(String label) {
      this.label = label;
    }
  }

  /**
   * The options of before issue 20, spelled out where the JVM chose them: children {@code -Xms16m -Xmx512m}, the
   * JVM's heap free ratios (40/70) and NewRatio (2), code cache 48m (its size with C1 only), Netty's arenas (2 per
   * core, 4 here) and chunk orders (Netty's 9; gRPC picks 8 for its shaded copy when none is set); the launcher's
   * heap was the JVM's default (1/64 .. 1/4 of RAM), its stack 1m and it mapped only the JDK's own archive.
   */
  static Map<String, String> beforeEnvironment(long memTotalKib, Path javaHome) {
    String children = String.join(" ", "-Xms16m", "-Xmx512m", "-XX:MinHeapFreeRatio=40", "-XX:MaxHeapFreeRatio=70",
        "-XX:NewRatio=2", "-XX:ReservedCodeCacheSize=48m",
        "-Dio.netty.allocator.numDirectArenas=4", "-Dio.netty.allocator.numHeapArenas=4", "-Dio.netty.allocator.maxOrder=9",
        "-Dio.grpc.netty.shaded.io.netty.allocator.numDirectArenas=4",
        "-Dio.grpc.netty.shaded.io.netty.allocator.numHeapArenas=4",
        "-Dio.grpc.netty.shaded.io.netty.allocator.maxOrder=8");
    long ramBytes = memTotalKib * 1024;
    String launcher = String.join(" ", "-Xss1m", "-XX:InitialHeapSize=" + (ramBytes / 64 / (1 << 20)) + "m",
        "-XX:MaxHeapSize=" + (ramBytes / 4 / (1 << 20)) + "m", "-XX:MinHeapFreeRatio=40", "-XX:MaxHeapFreeRatio=70",
        "-XX:SharedArchiveFile=" + javaHome.resolve("lib/server/classes.jsa"));
    return Map.of("SVCLAB_JVM_OPTIONS", children, "SVCLAB_LAUNCHER_JVM_OPTIONS", launcher);
  }

  /** One idle lab's figures: per process (launcher last), KiB and thread counts. */
  record Sample(Map<String, SmapsRollup> memory, Map<String, Integer> threads, double readySeconds) {
    long totalPssKib() {
      return memory.values().stream().mapToLong(SmapsRollup::pssKib).sum();
    }
  }

  @Override
  public Integer call() throws Exception {
    Path root = BenchProcesses.root();
    long memTotal = memTotalKib();
    Map<Options, Map<String, String>> env = Map.of(Options.BEFORE,
        beforeEnvironment(memTotal, Path.of(System.getProperty("java.home"))), Options.AFTER, Map.of());
    System.out.printf("memory benchmark: %d rounds (before/after options interleaved), each a fresh `./lab up` on a "
        + "fresh data dir, measured after %d s idle; PSS and RSS from /proc/PID/smaps_rollup%n", rounds, idleSeconds);
    System.out.println("before-state options (same build, same class-data archive): SVCLAB_JVM_OPTIONS='"
        + env.get(Options.BEFORE).get("SVCLAB_JVM_OPTIONS") + "' SVCLAB_LAUNCHER_JVM_OPTIONS='"
        + env.get(Options.BEFORE).get("SVCLAB_LAUNCHER_JVM_OPTIONS") + "'");
    StartBenchmark.trainArchive(root);
    Map<Options, List<Sample>> samples = new LinkedHashMap<>();
    for (Options o : Options.values()) {
      samples.put(o, new ArrayList<>());
    }
    for (int round = 1; round <= rounds; round++) {
      List<Options> order = round % 2 == 1 ? List.of(Options.BEFORE, Options.AFTER) : List.of(Options.AFTER, Options.BEFORE);
      for (Options o : order) {
        Map<String, SmapsRollup> memory = new LinkedHashMap<>();
        Map<String, Integer> threads = new LinkedHashMap<>();
        LabStart.Result r = LabStart.run(root, true, env.get(o), Duration.ofSeconds(timeoutSeconds), (children, launcher) -> {
          Thread.sleep(idleSeconds * 1000L);
          for (LabStart.Child c : children) {
            memory.put(c.name(), SmapsRollup.of(c.pid()));
            threads.put(c.name(), threadCount(c.pid()));
          }
          memory.put(LAUNCHER, SmapsRollup.of(launcher));
          threads.put(LAUNCHER, threadCount(launcher));
        });
        if (!r.up() || memory.isEmpty()) {
          System.out.printf("round %d %-22s NOT READY: %s%n", round, o.label + ":", r.failure());
          continue;
        }
        Sample s = new Sample(memory, threads, r.printedSeconds());
        samples.get(o).add(s);
        System.out.printf(Locale.ROOT, "round %d %-22s ready in %.1f s; idle total PSS %d MiB (RSS %d MiB)%n", round,
            o.label + ":", r.printedSeconds(), s.totalPssKib() / 1024,
            memory.values().stream().mapToLong(SmapsRollup::rssKib).sum() / 1024);
      }
    }
    if (samples.values().stream().anyMatch(List::isEmpty)) {
      System.out.println("error: a mode has no ready start; no comparison");
      return 1;
    }
    print(samples);
    return 0;
  }

  private static void print(Map<Options, List<Sample>> samples) {
    List<Sample> before = samples.get(Options.BEFORE);
    List<Sample> after = samples.get(Options.AFTER);
    System.out.println();
    System.out.println("median over the rounds, MiB (PSS = each shared page divided among the processes mapping it)");
    System.out.printf("%-22s %10s %10s %10s %10s %8s %8s%n", "process", "PSS before", "PSS after", "RSS before",
        "RSS after", "thr bef", "thr aft");
    for (String name : after.get(0).memory().keySet()) {
      System.out.printf(Locale.ROOT, "%-22s %10.1f %10.1f %10.1f %10.1f %8.0f %8.0f%n", name,
          median(before, s -> s.memory().get(name).pssKib() / 1024.0), median(after, s -> s.memory().get(name).pssKib() / 1024.0),
          median(before, s -> s.memory().get(name).rssKib() / 1024.0), median(after, s -> s.memory().get(name).rssKib() / 1024.0),
          median(before, s -> s.threads().get(name).doubleValue()), median(after, s -> s.threads().get(name).doubleValue()));
    }
    double totalBefore = median(before, s -> s.totalPssKib() / 1024.0);
    double totalAfter = median(after, s -> s.totalPssKib() / 1024.0);
    System.out.printf(Locale.ROOT, "%-22s %10.1f %10.1f   (after/before %.2fx)%n", "total, launcher included", totalBefore,
        totalAfter, totalAfter / totalBefore);
    System.out.printf(Locale.ROOT, "ready in, s (as printed)  before %s   after %s%n",
        Spread.of(before.stream().map(Sample::readySeconds).toList()).format(1),
        Spread.of(after.stream().map(Sample::readySeconds).toList()).format(1));
    System.out.printf(Locale.ROOT, "goal: idle lab total PSS <= %d MiB: %.1f MiB -> %s%n", GOAL_TOTAL_KIB / 1024, totalAfter,
        totalAfter * 1024 <= GOAL_TOTAL_KIB ? "met" : "missed");
    List<String> over = new ArrayList<>();
    for (String name : after.get(0).memory().keySet()) {
      double pss = median(after, s -> s.memory().get(name).pssKib() / 1024.0);
      if (pss * 1024 > GOAL_COMPONENT_KIB) {
        over.add(String.format(Locale.ROOT, "%s %.1f", name, pss));
      }
    }
    System.out.printf("goal: no process over %d MiB PSS: %s%n", GOAL_COMPONENT_KIB / 1024,
        over.isEmpty() ? "met" : "missed (" + String.join(", ", over) + ")");
  }

  private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> f) {
    return Spread.of(samples.stream().map(s -> f.applyAsDouble(s)).toList()).median();
  }

  private static int threadCount(long pid) throws IOException {
    try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
      return (int) tasks.count();
    }
  }

  static long memTotalKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no MemTotal in /proc/meminfo");
  }
}
