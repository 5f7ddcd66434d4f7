package io.svclab.cli.launch;

import io.svclab.cli.topology.Component;
import io.svclab.net.netns.NamespaceThreads;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private volatile int starts;
  private volatile Thread pump;

  ChildProcess(Component component, List<String> javaOptions, Path logDir, PrintStream console) {
    this.component = component;
    this.javaOptions = javaOptions;
    this.logFile = logDir.resolve(component.name() + ".log");
    this.console = console;
  }

  public Component component() { return component; }

  public Process process() { return process; }

  /** When the current process was started (epoch millis). */
  public long startedAt() { return startedAt; }

  /** How often it was started again after exiting (a container's restartCount). */
  public int restarts() { return Math.max(0, starts - 1); }

  /** Running now: started and not exited. */
  public boolean running() { return process != null && process.isAlive(); }

  Path logFile() { return logFile; }

  void start() throws IOException {
    List<String> cmd = new ArrayList<>();
    if (component.netns() != null) {
      // nsenter switches only the network namespace and execs java (same pid). `ip netns exec`
      // would also give the child a mount namespace of its own, where the pod namespaces
      // node-agent mounts under /run/netns stay invisible to the lab and to `ip netns exec`.
      cmd.addAll(List.of("nsenter", "--net=" + NamespaceThreads.file(component.netns()), "--"));
    }
    if (component.external()) {
      // not ours: it cannot watch the supervisor's pid, so Leftovers finds it by its data directory
      cmd.add(component.executable());
    } else {
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(javaOptions);
      cmd.add("-Dsvclab.component=" + component.name());
      cmd.add("-Dsvclab.supervisor.pid=" + ProcessHandle.current().pid());  // the child exits when we are gone
      cmd.add("-cp");
      cmd.add(LabClassPath.forMainClass(component.mainClass(), System.getProperty("java.class.path"),
          Path.of(System.getProperty("svclab.home", "."))));
      cmd.add(component.mainClass());
    }
    cmd.addAll(component.args());
    // The child writes its log file itself (the JDK can lose a piped child's last lines when it
    // exits during our own shutdown); the console copy is a tail of that file.
    long offset = Files.exists(logFile) ? Files.size(logFile) : 0;
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    process = pb.start();
    startedAt = System.currentTimeMillis();
    starts++;
    Process p = process;
    Thread t = new Thread(() -> tail(p, offset), component.name() + "-log");
    t.setDaemon(true);
    t.start();
    pump = t;
  }

  /** Copies new lines of the log file to the console, prefixed, until the process has ended and all is read. */
  private void tail(Process p, long offset) {
    String prefix = String.format("%-20s| ", component.name());
    try (RandomAccessFile in = new RandomAccessFile(logFile.toFile(), "r")) {
      in.seek(offset);
      StringBuilder partial = new StringBuilder();
      byte[] buf = new byte[8192];
      while (true) {
        boolean ended = !p.isAlive();
        int n;
        boolean any = false;
        while ((n = in.read(buf)) > 0) {
          any = true;
          partial.append(new String(buf, 0, n, StandardCharsets.UTF_8));
          int nl;
          while ((nl = partial.indexOf("\n")) >= 0) {
            console.println(prefix + partial.substring(0, nl));
            partial.delete(0, nl + 1);
          }
        }
        if (ended && !any) {
          return;
        }
        Thread.sleep(50);
      }
    } catch (IOException | InterruptedException e) {
      // the console copy is best effort; the log file itself is complete
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
        t.join(500);  // let its last lines ("stopped in N ms") reach the console
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
