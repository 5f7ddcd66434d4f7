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
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab bench start}: how long {@code ./lab up} takes to be ready, on fresh data dirs,
 * with the class-data archive and without it ({@code SVCLAB_CLASS_DATA=off}), in interleaved
 * rounds; beside the floor: the lab's nine JVMs, started with the same options at once, running
 * only {@code java -version}. Then where the time went, per component, from its own log.
 */
@Command(name = "start", description = "./lab up's ready time with and without the class-data archive, beside 9 x java -version",
    mixinStandardHelpOptions = true)
final class StartBenchmark implements Callable<Integer> {
  @Option(names = "--starts", description = "timed starts per mode (default: ${DEFAULT-VALUE})")
  private int starts = 5;
  @Option(names = "--timeout", description = "seconds to wait for one start's ready line (default: ${DEFAULT-VALUE})")
  private int timeoutSeconds = 90;

  static final double GOAL_SECONDS = 6.0;

  /** The two ways the lab starts: mapping the archive, or not. */
  enum Mode {
    ARCHIVE("with archive", true), NO_ARCHIVE("without archive", false);

    final String label;
    final boolean classData;

    Mode(String label, boolean classData) {
      this.label = label;
      this.classData = classData;
    }
  }

  @Override
  public Integer call() throws Exception {
    Path root = BenchProcesses.root();
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    System.out.printf("start benchmark: %d starts per mode (with/without the class-data archive, interleaved), each on a "
        + "fresh data dir; floor: the same JVMs running java -version, all at once%n", starts);
    trainArchive(root);

    // warm-up (untimed): one start per mode; it also shows which options the lab gives its JVMs
    Map<Mode, List<List<String>>> floorCommands = new LinkedHashMap<>();
    for (Mode mode : Mode.values()) {
      LabStart.Result warm = LabStart.run(root, mode.classData, timeout);
      System.out.printf("warm-up %-16s %s%n", mode.label + ":", describe(warm));
      if (warm.children().isEmpty() || warm.children().stream().anyMatch(c -> c.cmdline().isEmpty())) {
        System.out.println("error: could not read the lab's JVM command lines; is another lab using the ports?");
        return 1;
      }
      boolean mapsArchive = warm.children().stream()
          .allMatch(c -> c.cmdline().stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile=")));
      if (mode.classData != mapsArchive) {
        System.out.printf("error: %s, but the lab's JVMs %s the archive (%s)%n", mode.label,
            mapsArchive ? "map" : "do not map", String.join(" ", warm.children().get(0).cmdline()));
        return 1;
      }
      floorCommands.put(mode, warm.children().stream().map(c -> LabStart.versionCommand(c.cmdline())).toList());
    }
    System.out.printf("floor command (one of %d): %s%n", floorCommands.get(Mode.ARCHIVE).size(),
        String.join(" ", floorCommands.get(Mode.ARCHIVE).get(0)).replaceAll("-cp \\S+", "-cp CLASSPATH"));

    Map<Mode, List<LabStart.Result>> results = new LinkedHashMap<>();
    Map<Mode, List<Double>> floors = new LinkedHashMap<>();
    for (Mode m : Mode.values()) {
      results.put(m, new ArrayList<>());
      floors.put(m, new ArrayList<>());
    }
    for (int round = 1; round <= starts; round++) {
      List<Mode> order = round % 2 == 1 ? List.of(Mode.ARCHIVE, Mode.NO_ARCHIVE) : List.of(Mode.NO_ARCHIVE, Mode.ARCHIVE);
      for (Mode mode : order) {
        LabStart.Result r = LabStart.run(root, mode.classData, timeout);
        results.get(mode).add(r);
        System.out.printf("start %d %-16s %s%n", round, mode.label + ":", describe(r));
      }
      for (Mode mode : order) {
        double seconds = floor(floorCommands.get(mode));
        floors.get(mode).add(seconds);
        System.out.printf("floor %d %-16s %d x java -version at once: %.2f s%n", round, mode.label + ":",
            floorCommands.get(mode).size(), seconds);
      }
    }

    System.out.println();
    System.out.printf("%-52s %s%n", "seconds (min / median / max)", "");
    for (Mode mode : Mode.values()) {
      List<LabStart.Result> ok = results.get(mode).stream().filter(LabStart.Result::up).toList();
      System.out.printf("%-52s %s  (%d of %d starts ready)%n", "lab ready, as printed, " + mode.label,
          Spread.of(ok.stream().map(LabStart.Result::printedSeconds).toList()).format(2), ok.size(), results.get(mode).size());
      System.out.printf("%-52s %s%n", "`./lab up` run to its ready line, " + mode.label,
          Spread.of(ok.stream().map(LabStart.Result::wallSeconds).toList()).format(2));
      System.out.printf("%-52s %s%n", "floor: " + floorCommands.get(mode).size() + " x java -version at once, " + mode.label,
          Spread.of(floors.get(mode)).format(2));
    }
    Spread headline = Spread.of(results.get(Mode.ARCHIVE).stream().filter(LabStart.Result::up)
        .map(LabStart.Result::printedSeconds).toList());
    System.out.printf(Locale.ROOT, "goal: median ready time with the archive < %.0f s: %.2f s -> %s%n", GOAL_SECONDS,
        headline.median(), headline.count() > 0 && headline.median() < GOAL_SECONDS ? "met" : "missed");
    for (Mode mode : Mode.values()) {
      System.out.println();
      printWhereTheTimeGoes(mode, results.get(mode));
    }
    return 0;
  }

  private static String describe(LabStart.Result r) {
    if (!r.up()) {
      return "NOT READY: " + r.failure();
    }
    return String.format(Locale.ROOT, "ready in %.1f s as printed, %.2f s from running ./lab up; stopped in %.1f s",
        r.printedSeconds(), r.wallSeconds(), r.stopSeconds());
  }

  /**
   * Trains the archive when it is missing or older than the jars ({@code ./lab train-class-data}
   * does nothing when it is current). The training start must be healthy within the launcher's deadline, which a
   * busy machine can miss, so it is tried twice.
   */
  static void trainArchive(Path root) throws IOException, InterruptedException {
    for (int attempt = 1; attempt <= 2; attempt++) {
      Path log = Files.createTempFile("svclab-bench-train", ".log");
      ProcessBuilder pb = new ProcessBuilder(root.resolve("lab").toString(), "train-class-data").directory(root.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().remove("SVCLAB_CLASS_DATA");
      Process p = pb.start();
      if (!p.waitFor(300, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      // the launcher script exits 0 when the archive is current or was just written
      if (!p.isAlive() && p.exitValue() == 0 && !Files.readString(log).contains("no class-data archive")) {
        System.out.println("class-data archive: current (checked, or trained now)");
        Files.deleteIfExists(log);
        return;
      }
      System.out.println("class-data archive: NOT trained, attempt " + attempt + " (" + log + ")");
    }
  }

  /** Seconds from spawning the first of these JVMs to the exit of the last, all started at once. */
  static double floor(List<List<String>> commands) throws IOException, InterruptedException {
    long start = System.nanoTime();
    List<Process> running = new ArrayList<>();
    for (List<String> cmd : commands) {
      running.add(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
    }
    for (Process p : running) {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    return (System.nanoTime() - start) / 1e9;
  }

  /** Median over the starts of each component's moments, in seconds after `./lab up` was run. */
  private static void printWhereTheTimeGoes(Mode mode, List<LabStart.Result> all) {
    List<LabStart.Result> ok = all.stream().filter(LabStart.Result::up).toList();
    System.out.printf("where the time goes, %s (median of %d starts; seconds after `./lab up` was run, from each "
        + "component's log):%n", mode.label, ok.size());
    if (ok.isEmpty()) {
      return;
    }
    System.out.printf("%-21s %8s %10s %8s %8s  %s%n", "component", "spawned", "first log", "admin", "ready", "ready line");
    for (LabStart.Child c : ok.get(0).children()) {
      String name = c.name();
      Function<Function<LabStart.Result, OptionalLong>, String> col = pick -> {
        List<Double> v = new ArrayList<>();
        for (LabStart.Result r : ok) {
          OptionalLong at = pick.apply(r);
          v.add(at.isPresent() ? (at.getAsLong() - r.launchedEpochMs()) / 1e3 : Double.NaN);
        }
        Spread s = Spread.of(v);
        return s.count() == 0 ? "-" : String.format(Locale.ROOT, "%.2f", s.median());
      };
      String spawned = col.apply(r -> r.children().stream().filter(x -> x.name().equals(name)).findFirst()
          .map(x -> OptionalLong.of(x.spawnedEpochMs())).orElse(OptionalLong.empty()));
      String first = col.apply(r -> milestone(r, name).firstLine());
      String admin = col.apply(r -> milestone(r, name).admin());
      String ready = col.apply(r -> milestone(r, name).ready());
      System.out.printf("%-21s %8s %10s %8s %8s  %s%n", name, spawned, first, admin, ready, ComponentLog.readyMarker(name));
    }
    Spread up = Spread.of(ok.stream().map(r -> (r.upEpochMs() - r.launchedEpochMs()) / 1e3).toList());
    System.out.printf("%-21s %8s %10s %8s %8.2f  %s%n", "lab (launcher)", "", "", "", up.median(), "svclab is up in");
  }

  private static ComponentLog.Milestones milestone(LabStart.Result r, String name) {
    ComponentLog.Milestones m = r.milestones().get(name);
    return m == null ? new ComponentLog.Milestones(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()) : m;
  }
}
