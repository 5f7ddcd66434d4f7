package io.svclab.cli.launch;

import io.svclab.cli.logs.LogFiles;
import io.svclab.cli.topology.Component;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts every component as its own JVM, waits for their health endpoints, restarts one that
 * dies (with back-off, reported), and on stop sends SIGTERM to all and SIGKILL to stragglers.
 */
public final class Supervisor {
  private final List<ChildProcess> children = new ArrayList<>();
  private final PrintStream console;
  private final Path dataDir;
  private final HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));
  private volatile boolean stopping;

  /** {@code javaOptions} follow each component's own ({@link LabJvmOptions}), then the class-data ones. */
  public Supervisor(List<Component> components, List<String> javaOptions, ClassDataSharing cds, Path dataDir,
      PrintStream console) throws IOException {
    this.console = console;
    this.dataDir = dataDir;
    Path logs = dataDir.resolve("logs");
    Files.createDirectories(logs);
    cds.prepare();
    for (Component c : components) {
      List<String> options = new ArrayList<>(LabJvmOptions.forComponent(c.name(), System.getenv(LabJvmOptions.EXTRA)));
      options.addAll(javaOptions);
      options.addAll(cds.childOptions(c.name()));
      children.add(new ChildProcess(c, options, logs, console));
    }
  }

  /**
   * Starts every child: first the programs the lab depends on (etcd members), which must answer
   * their health checks (up to {@code dependencyTimeout}) before the apiservers that need them
   * start, then the lab's own processes. Returns the dependencies that did not become healthy.
   */
  public List<String> startAll(Duration dependencyTimeout) throws IOException, InterruptedException {
    List<ChildProcess> dependencies = children.stream().filter(c -> c.component().external()).toList();
    for (ChildProcess c : dependencies) {
      c.start();
    }
    writeProcessTable();
    List<String> pending = awaitHealthy(dependencies, dependencyTimeout);
    for (ChildProcess c : children) {
      if (!c.component().external()) {
        c.start();
      }
    }
    writeProcessTable();
    return pending;
  }

  public void startAll() throws IOException {
    for (ChildProcess c : children) {
      c.start();
    }
    writeProcessTable();
  }

  /** Blocks until every component answers its health check, or the deadline passes. */
  public List<String> awaitHealthy(Duration timeout) throws InterruptedException {
    return awaitHealthy(children, timeout);
  }

  private List<String> awaitHealthy(List<ChildProcess> which, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> pending = new ArrayList<>();
    for (ChildProcess c : which) {
      while (!healthy(c.component())) {
        if (System.nanoTime() > deadline || !c.alive()) {
          break;
        }
        Thread.sleep(50);
      }
      if (!healthy(c.component())) {
        pending.add(c.component().name());
      }
    }
    return pending;
  }

  public boolean healthy(Component c) {
    return probe.healthy(c.netns(), c.healthUrl());
  }

  public List<ChildProcess> children() { return children; }

  public boolean stopping() { return stopping; }

  /** Watches the children until stopped; a child that exits is restarted with back-off ({@link CrashLoop}). */
  public void supervise() throws InterruptedException {
    CrashLoop[] loops = new CrashLoop[children.size()];
    java.util.Arrays.fill(loops, CrashLoop.NONE);
    long[] restartAt = new long[children.size()];
    while (!stopping) {
      for (int i = 0; i < children.size(); i++) {
        ChildProcess c = children.get(i);
        long now = System.currentTimeMillis();
        if (stopping || c.alive()) {
          if (c.alive()) {
            loops[i] = loops[i].running(c.startedAt(), now);
          }
          continue;
        }
        if (restartAt[i] == 0) {
          loops[i] = loops[i].exited(now);
          restartAt[i] = now + loops[i].backoffMillis();
          console.println("lab                 | " + loops[i].report(c.component().name(), c.process().exitValue(), now,
              LogFiles.lastLine(c.logFile())));
        } else if (now >= restartAt[i]) {
          restartAt[i] = 0;
          try {
            c.start();
            console.printf("lab                 | %s restarted (pid %d)%n", c.component().name(), c.process().pid());
            writeProcessTable();
          } catch (IOException e) {
            console.printf("lab                 | %s could not be restarted: %s%n", c.component().name(), e.getMessage());
          }
        }
      }
      Thread.sleep(100);
    }
  }

  /** Stops all children: SIGTERM to every one at once, SIGKILL to any still running after 3 s. */
  public void stopAll() {
    stopping = true;
    List<Thread> stoppers = new ArrayList<>();
    for (ChildProcess c : children) {
      Thread t = new Thread(() -> c.stop(3000));
      t.start();
      stoppers.add(t);
    }
    for (Thread t : stoppers) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** What {@code ./lab status} and {@code ./lab down} read: see {@link ProcessTable}. */
  private synchronized void writeProcessTable() throws IOException {
    ProcessTable.write(dataDir, children.stream().map(c -> new ProcessRow(c.component().name(),
        c.process() == null ? 0 : c.process().pid(), c.component().healthUrl(), String.join(", ", c.component().listens()),
        c.startedAt(), c.component().netns() == null ? "" : c.component().netns())).toList());
  }
}
