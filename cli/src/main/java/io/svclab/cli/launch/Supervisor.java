package io.svclab.cli.launch;

import io.svclab.cli.topology.Component;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  private static final long MAX_BACKOFF_MS = 30_000;

  private final List<ChildProcess> children = new ArrayList<>();
  private final PrintStream console;
  private final Path dataDir;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private volatile boolean stopping;

  public Supervisor(List<Component> components, List<String> javaOptions, ClassDataSharing cds, Path dataDir,
      PrintStream console) throws IOException {
    this.console = console;
    this.dataDir = dataDir;
    Path logs = dataDir.resolve("logs");
    Files.createDirectories(logs);
    cds.prepare();
    for (Component c : components) {
      List<String> options = new ArrayList<>(javaOptions);
      options.addAll(cds.childOptions(c.name()));
      children.add(new ChildProcess(c, options, logs, console));
    }
  }

  public void startAll() throws IOException {
    for (ChildProcess c : children) {
      c.start();
    }
    writeProcessTable();
  }

  /** Blocks until every component answers its health check, or the deadline passes. */
  public List<String> awaitHealthy(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> pending = new ArrayList<>();
    for (ChildProcess c : children) {
      while (!healthy(c.component().healthUrl())) {
        if (System.nanoTime() > deadline || !c.alive()) {
          break;
        }
        Thread.sleep(50);
      }
      if (!healthy(c.component().healthUrl())) {
        pending.add(c.component().name());
      }
    }
    return pending;
  }

  public boolean healthy(String url) {
    try {
      HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
          HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public List<ChildProcess> children() { return children; }

  /** Watches the children until stopped; a child that exits is restarted with back-off. */
  public void supervise() throws InterruptedException {
    long[] backoff = new long[children.size()];
    long[] restartAt = new long[children.size()];
    while (!stopping) {
      for (int i = 0; i < children.size(); i++) {
        ChildProcess c = children.get(i);
        if (stopping || c.alive()) {
          if (c.alive() && System.currentTimeMillis() - c.startedAt() > 60_000) {
            backoff[i] = 0;  // stable for a minute: forget earlier crashes
          }
          continue;
        }
        long now = System.currentTimeMillis();
        if (restartAt[i] == 0) {
          backoff[i] = backoff[i] == 0 ? 500 : Math.min(backoff[i] * 2, MAX_BACKOFF_MS);
          restartAt[i] = now + backoff[i];
          console.printf("lab                 | %s exited (code %d); restarting in %d ms%n", c.component().name(),
              c.process().exitValue(), backoff[i]);
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

  /** {@code <data>/processes.tsv}: name, pid, health URL, listens — what {@code ./lab status} reads. */
  private synchronized void writeProcessTable() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (ChildProcess c : children) {
      sb.append(c.component().name()).append('\t').append(c.process() == null ? 0 : c.process().pid()).append('\t')
          .append(c.component().healthUrl()).append('\t').append(String.join(", ", c.component().listens()))
          .append('\t').append(c.startedAt()).append('\n');
    }
    Path tmp = dataDir.resolve("processes.tsv.tmp");
    Files.writeString(tmp, sb.toString());
    Files.move(tmp, dataDir.resolve("processes.tsv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
