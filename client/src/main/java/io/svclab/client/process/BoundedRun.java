package io.svclab.client.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child process run to its end within a time bound: its standard input given (or closed at
 * once), stdout and stderr captured whole. node-proxy's kernel tools and the cli's kubectl runs
 * both go through here.
 */
public final class BoundedRun {
  private BoundedRun() {}

  /** How long the output of a process that had to be killed is still waited for. */
  private static final Duration AFTER_KILL = Duration.ofSeconds(10);

  public enum Ending { EXITED, NOT_STARTED, TIMED_OUT, INTERRUPTED }

  /**
   * @param exitCode the program's exit status when {@code ending} is EXITED, else -1
   * @param stderr for NOT_STARTED, why it could not be started
   */
  public record Outcome(Ending ending, int exitCode, String stdout, String stderr) {}

  /** Runs {@code command} with {@code env} added to this process's environment; {@code stdin} may be null. */
  public static Outcome run(List<String> command, Map<String, String> env, String stdin, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return new Outcome(Ending.NOT_STARTED, -1, "", e.getMessage());
    }
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    // the input is written beside the wait, not before it: a program that reads a large input slowly
    // (iptables-restore parsing line by line) would otherwise hold the caller past the time bound
    Thread writer = new Thread(() -> write(p.getOutputStream(), stdin), "stdin of " + command.get(0));
    writer.setDaemon(true);
    writer.start();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
        return new Outcome(Ending.TIMED_OUT, -1, settled(out), settled(err));
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      return new Outcome(Ending.INTERRUPTED, -1, "", "");
    }
    return new Outcome(Ending.EXITED, p.exitValue(), out.join(), err.join());
  }

  /**
   * Runs {@code command} (no input) and says why it did not succeed, in one line naming the
   * command and the program's own stderr; empty when it exited 0.
   */
  public static java.util.Optional<String> failure(List<String> command, Duration timeout) {
    Outcome o = run(command, Map.of(), null, timeout);
    String line = String.join(" ", command);
    return switch (o.ending()) {
      case EXITED -> o.exitCode() == 0 ? java.util.Optional.empty()
          : java.util.Optional.of(line + " exited " + o.exitCode() + ": " + o.stderr().strip().replace('\n', ' '));
      case NOT_STARTED -> java.util.Optional.of(line + " could not be started: " + o.stderr());
      case TIMED_OUT -> java.util.Optional.of(line + " did not finish within " + timeout.toSeconds() + " s");
      case INTERRUPTED -> java.util.Optional.of(line + " was interrupted");
    };
  }

  /** What a killed process had written, if its pipes close in time (a child of it may keep them open). */
  private static String settled(CompletableFuture<String> output) {
    try {
      return output.get(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    } catch (ExecutionException | TimeoutException e) {
      return "";
    }
  }

  private static void write(OutputStream stdin, String text) {
    try (stdin) {
      if (text != null) stdin.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // the program exited (or was killed) before reading all of its input; its exit status and stderr say why
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
