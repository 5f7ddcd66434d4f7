package io.svclab.e2e.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./lab up} as a person runs it: the launcher in its own process group (setsid), its
 * console captured, stopped by SIGTERM to the whole group.
 */
public final class LabProcess implements AutoCloseable {
  private final Process process;
  private final List<String> console = Collections.synchronizedList(new ArrayList<>());

  private LabProcess(Process process) {
    this.process = process;
    Thread pump = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          console.add(line);
        }
      } catch (IOException e) {
        // ended
      }
    });
    pump.setDaemon(true);
    pump.start();
  }

  public static LabProcess up(Path dataDir, String... extra) throws IOException {
    return up(dataDir, java.util.Map.of(), extra);
  }

  /** {@code ./lab up} with extra environment (say, {@code SVCLAB_LABS_DIR}: where running labs record themselves). */
  public static LabProcess up(Path dataDir, java.util.Map<String, String> env, String... extra) throws IOException {
    List<String> args = new ArrayList<>(List.of("up", "--data", dataDir.toString()));
    args.addAll(List.of(extra));
    List<String> cmd = new ArrayList<>(List.of("setsid"));
    cmd.addAll(Lab.javaCommand("lab", "io.svclab.cli.LabMain", args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putAll(env);
    return new LabProcess(pb.start());
  }

  /** Waits for a console line containing {@code text}; returns it. */
  public String awaitLine(String text, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      synchronized (console) {
        for (String l : console) {
          if (l.contains(text)) {
            return l;
          }
        }
      }
      if (!process.isAlive() && console.stream().noneMatch(l -> l.contains(text))) {
        Thread.sleep(200);
        break;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no line containing '" + text + "' within " + seconds + " s; console:\n"
        + String.join("\n", console));
  }

  public List<String> console() {
    synchronized (console) {
      return List.copyOf(console);
    }
  }

  public long pid() { return process.pid(); }

  public Process process() { return process; }

  /** SIGTERM to the launcher's whole process group, as Ctrl-C or a service manager would. */
  public int terminateGroup(long seconds) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-TERM", "--", "-" + process.pid()).start().waitFor();
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError("lab did not stop within " + seconds + " s of SIGTERM");
    }
    return process.exitValue();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      new ProcessBuilder("kill", "-KILL", "--", "-" + process.pid()).start().waitFor();
      process.waitFor(60, TimeUnit.SECONDS);
    }
  }
}
