package io.svclab.e2e.bench;

import io.svclab.cli.launch.ProcessRow;
import io.svclab.cli.launch.ProcessTable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code ./lab up --data DIR} on a fresh temporary data dir, timed from the outside: run the
 * launcher as a person does, wait for its {@code svclab is up in N s} line, read which JVMs it
 * started (processes.tsv, /proc/PID/cmdline), SIGTERM it, wait for it to exit, read each
 * component's log, delete the dir.
 */
final class LabStart {
  private static final Pattern UP = Pattern.compile("svclab is up in ([0-9]+[.,][0-9]+) s");
  private static final Pattern NOT_HEALTHY = Pattern.compile("svclab started in ([0-9]+[.,][0-9]+) s but not healthy");

  /** A JVM the lab started: its name, pid, when it was spawned, and its full command line. */
  record Child(String name, long pid, long spawnedEpochMs, List<String> cmdline) {}

  /**
   * @param up whether the lab printed that it is up (else it printed "not healthy" or nothing in time)
   * @param printedSeconds the lab's own figure (NaN if none)
   * @param wallSeconds from running {@code ./lab up} to reading that line
   */
  record Result(boolean up, double printedSeconds, double wallSeconds, double stopSeconds, long launchedEpochMs,
      long upEpochMs, List<Child> children, Map<String, ComponentLog.Milestones> milestones, String failure) {}

  /** What to do with a lab that printed its ready line, before it is stopped (e.g. measure it idle). */
  interface WhileUp {
    void run(List<Child> children, long launcherPid) throws IOException, InterruptedException;
  }

  private LabStart() {}

  static Result run(Path root, boolean classData, Duration timeout) throws IOException, InterruptedException {
    return run(root, classData, Map.of(), timeout, (children, launcher) -> { });
  }

  /** One start with {@code env} added to the launcher's environment; {@code whileUp} runs only when it is up. */
  static Result run(Path root, boolean classData, Map<String, String> env, Duration timeout, WhileUp whileUp)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("svclab-bench-start");
    try {
      return run(root, classData, env, timeout, whileUp, dir);
    } finally {
      deleteTree(dir);
    }
  }

  private static Result run(Path root, boolean classData, Map<String, String> env, Duration timeout, WhileUp whileUp,
      Path dir) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(root.resolve("lab").toString(), "up", "--data", dir.toString())
        .directory(root.toFile()).redirectErrorStream(true);
    pb.environment().put("SVCLAB_NO_BUILD", "1");
    if (classData) {
      pb.environment().remove("SVCLAB_CLASS_DATA");
    } else {
      pb.environment().put("SVCLAB_CLASS_DATA", "off");
    }
    pb.environment().putAll(env);
    long launchedEpochMs = System.currentTimeMillis();
    long launchedNanos = System.nanoTime();
    Process lab = pb.start();
    CompletableFuture<String> verdict = new CompletableFuture<>();
    // "started in N s but not healthy yet" is a notice, not the end: the launcher goes on waiting
    // and prints its up line when the lab is healthy, so only the timeout turns it into a failure
    AtomicReference<String> notHealthy = new AtomicReference<>("");
    long[] verdictNanos = new long[1];
    long[] verdictEpochMs = new long[1];
    Path console = dir.resolve("console.txt");
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8));
          var out = Files.newBufferedWriter(console)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (!verdict.isDone() && UP.matcher(line).find()) {
            verdictNanos[0] = System.nanoTime();
            verdictEpochMs[0] = System.currentTimeMillis();
            verdict.complete(line);
          } else if (!verdict.isDone() && NOT_HEALTHY.matcher(line).find()) {
            notHealthy.set(line);
          }
          out.write(line);
          out.newLine();
        }
      } catch (IOException e) {
        // the launcher's output ends with the launcher
      }
      verdict.complete(notHealthy.get());
    }, "lab-console");
    reader.setDaemon(true);
    reader.start();

    String line;
    try {
      line = verdict.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      line = notHealthy.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
    OptionalDouble printed = printedSeconds(line);
    boolean up = printed.isPresent() && UP.matcher(line).find();
    double wall = verdictNanos[0] == 0 ? Double.NaN : (verdictNanos[0] - launchedNanos) / 1e9;
    List<Child> children = readChildren(dir);
    if (up) {
      whileUp.run(children, lab.pid());
    }

    List<ProcessHandle> family = new ArrayList<>(lab.descendants().toList());
    long stopStart = System.nanoTime();
    lab.destroy();  // SIGTERM to the launcher JVM (the script execs it); its hook stops every child
    if (!lab.waitFor(30, TimeUnit.SECONDS)) {
      lab.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    for (ProcessHandle h : family) {
      if (h.isAlive()) {
        h.destroyForcibly();
      }
    }
    double stopSeconds = (System.nanoTime() - stopStart) / 1e9;
    reader.join(2000);

    Map<String, ComponentLog.Milestones> milestones = new LinkedHashMap<>();
    for (Child c : children) {
      Path log = dir.resolve("logs").resolve(c.name() + ".log");
      List<String> lines = Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
      milestones.put(c.name(), ComponentLog.milestones(c.name(), lines, c.spawnedEpochMs(), ZoneId.systemDefault()));
    }
    String failure = up ? "" : (line.isEmpty() ? "no ready line within " + timeout.toSeconds() + " s" : line.trim())
        + " (console: " + tail(console, 5) + ")";
    return new Result(up, printed.orElse(Double.NaN), wall, stopSeconds, launchedEpochMs, verdictEpochMs[0], children,
        milestones, failure);
  }

  /** The lab's own figure from its "svclab is up in N s" (or "started in N s but not healthy") line. */
  static OptionalDouble printedSeconds(String line) {
    for (Pattern p : List.of(UP, NOT_HEALTHY)) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        return OptionalDouble.of(Double.parseDouble(m.group(1).replace(',', '.')));
      }
    }
    return OptionalDouble.empty();
  }

  /**
   * The floor for one lab JVM: the same java binary and options up to its classpath, then
   * {@code -version} instead of the component's main class.
   */
  static List<String> versionCommand(List<String> cmdline) {
    int cp = Math.max(cmdline.indexOf("-cp"), cmdline.indexOf("-classpath"));
    if (cp < 0 || cp + 1 >= cmdline.size()) {
      throw new IllegalArgumentException("no -cp in " + cmdline);
    }
    List<String> cmd = new ArrayList<>(cmdline.subList(0, cp + 2));
    cmd.add("-version");
    return cmd;
  }

  private static List<Child> readChildren(Path dir) throws IOException {
    List<Child> out = new ArrayList<>();
    for (ProcessRow row : ProcessTable.read(dir)) {
      out.add(new Child(row.name(), row.pid(), row.startedAtMillis(), cmdline(row.pid())));
    }
    return out;
  }

  private static List<String> cmdline(long pid) {
    try {
      String raw = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
      return raw.isEmpty() ? List.of() : List.of(raw.split("\0"));
    } catch (IOException e) {
      return List.of();
    }
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join(" | ", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "unreadable";
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
