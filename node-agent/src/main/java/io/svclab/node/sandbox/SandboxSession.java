package io.svclab.node.sandbox;

import io.svclab.client.streams.ExecFrames;
import io.svclab.node.terminal.TerminalSession;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ProcessBuilder.Redirect;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SandboxCommand} with a client's streams (kubectl exec, attach): with a terminal,
 * on a {@link Pty} whose size follows the client's resize messages, stdin typed into it and
 * everything the program writes sent as stdout (a terminal has one output, as in Kubernetes);
 * without one, over pipes (stdout and stderr apart, stdin closed when the client closes it). The
 * request's thread waits for the program; one thread reads its output, one the client's input.
 * The client going away hangs the terminal up (SIGHUP) or closes the program's stdin; a program
 * still running 10 s later is killed.
 */
public final class SandboxSession {
  private static final Logger log = LoggerFactory.getLogger(SandboxSession.class);
  /** How long output may still come after the program exited (its children holding the terminal or pipes). */
  private static final long DRAIN_MILLIS = 2000;
  private static final long HANGUP_GRACE_SECONDS = 10;
  private static final int POLL_MILLIS = 100;

  private SandboxSession() {}

  /** Runs to the program's end; its exit code (128 + N when signal N ended it). */
  public static int run(SandboxCommand command, Map<String, String> env, boolean stdin, boolean tty,
      TerminalSession.Streams io) throws IOException {
    return tty ? onTerminal(command, env, io) : overPipes(command, env, stdin, io);
  }

  private static int onTerminal(SandboxCommand command, Map<String, String> env, TerminalSession.Streams io)
      throws IOException {
    try (Pty pty = Pty.open()) {
      io.windowSize().ifPresentOrElse(w -> pty.resize(w.columns(), w.lines()), () -> pty.resize(80, 24));
      io.onResize(w -> pty.resize(w.columns(), w.lines()));
      Process p = start(new ProcessBuilder(command.onTerminal(pty.slave()))
          .redirectInput(new File("/dev/null")).redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD),
          SandboxCommand.environment(env, true));
      Worker output = Worker.start("sandbox-output-" + p.pid(), stop -> {
        byte[] buf = new byte[8192];
        for (byte[] b = pty.read(buf, POLL_MILLIS); b != null; b = pty.read(buf, POLL_MILLIS)) {
          if (b.length > 0) {
            io.write(ExecFrames.STDOUT, b);
          } else if (stop.getAsBoolean()) {
            return;
          }
        }
      }, () -> Pty.hangUp(p.pid()));
      Worker input = Worker.start("sandbox-input-" + p.pid(), stop -> {
        for (byte[] b = io.read(); b != null && p.isAlive(); b = io.read()) {
          pty.write(b);
        }
        if (p.isAlive()) {
          log.debug("exec client left: hanging up pid {}", p.pid());
          Pty.hangUp(p.pid());
        }
      }, () -> { });
      int code = awaitExit(p);
      pty.releaseSlave();
      output.finish(DRAIN_MILLIS);
      input.abandon();
      return code;
    }
  }

  private static int overPipes(SandboxCommand command, Map<String, String> env, boolean stdin,
      TerminalSession.Streams io) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command.withoutTerminal());
    if (!stdin) {
      pb.redirectInput(new File("/dev/null"));
    }
    Process p = start(pb, SandboxCommand.environment(env, false));
    Worker out = pump("sandbox-stdout-" + p.pid(), p.getInputStream(), ExecFrames.STDOUT, io, p);
    Worker err = pump("sandbox-stderr-" + p.pid(), p.getErrorStream(), ExecFrames.STDERR, io, p);
    Worker input = !stdin ? null : Worker.start("sandbox-input-" + p.pid(), stop -> {
      try (OutputStream to = p.getOutputStream()) {
        for (byte[] b = io.read(); b != null; b = io.read()) {
          to.write(b);
          to.flush();
        }
      }
    }, () -> { });
    int code = awaitExit(p);
    out.finish(DRAIN_MILLIS);
    err.finish(DRAIN_MILLIS);
    if (input != null) {
      input.abandon();
    }
    return code;
  }

  private static Worker pump(String name, InputStream from, int channel, TerminalSession.Streams io, Process p) {
    return Worker.start(name, stop -> {
      try (from) {
        byte[] buf = new byte[8192];
        for (int n = from.read(buf); n >= 0; n = from.read(buf)) {
          io.write(channel, java.util.Arrays.copyOf(buf, n));
        }
      }
    }, p::destroyForcibly);
  }

  private static Process start(ProcessBuilder pb, Map<String, String> env) throws IOException {
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  /** The program's exit code; a program that outlives a hang-up by the grace period is killed. */
  private static int awaitExit(Process p) {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      Pty.hangUp(p.pid());
      try {
        if (!p.waitFor(HANGUP_GRACE_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
        return p.waitFor();
      } catch (InterruptedException again) {
        p.destroyForcibly();
        return 137;
      }
    }
  }
}
