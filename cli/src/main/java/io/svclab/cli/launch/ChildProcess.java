package io.svclab.cli.launch;

import io.svclab.cli.topology.Component;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One running component: its JVM, its log file, and its lines copied to the merged console stream. */
public final class ChildProcess {
  private final Component component;
  private final List<String> javaOptions;
  private final Path logFile;
  private final PrintStream console;
  private volatile Process process;
  private volatile long startedAt;
  private volatile Thread pump;

  ChildProcess(Component component, List<String> javaOptions, Path logDir, PrintStream console) {
    this.component = component;
    this.javaOptions = javaOptions;
    this.logFile = logDir.resolve(component.name() + ".log");
    this.console = console;
  }

  public Component component() { return component; }

  public Process process() { return process; }

  long startedAt() { return startedAt; }

  void start() throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(javaOptions);
    cmd.add("-Dsvclab.component=" + component.name());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(component.mainClass());
    cmd.addAll(component.args());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    process = pb.start();
    startedAt = System.currentTimeMillis();
    Process p = process;
    Thread t = new Thread(() -> pump(p), component.name() + "-log");
    t.setDaemon(true);
    t.start();
    pump = t;
  }

  private void pump(Process p) {
    String prefix = String.format("%-20s| ", component.name());
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        log.write(line);
        log.write('\n');
        log.flush();
        console.println(prefix + line);
      }
    } catch (IOException e) {
      // the process ended; its exit is reported by the supervisor
    }
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGTERM, then SIGKILL if it has not stopped within the budget. */
  void stop(long budgetMillis) {
    Process p = process;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    try {
      if (!p.waitFor(budgetMillis, TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(1, TimeUnit.SECONDS);
      }
      Thread t = pump;
      if (t != null) {
        t.join(500);  // let its last lines ("stopped in N ms") reach the log
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
