package io.svclab.node.terminal;

import io.svclab.client.streams.ExecFrames;
import io.svclab.node.shell.LineSink;
import io.svclab.node.shell.ShellContext;
import io.svclab.node.shell.ShellInterpreter;
import io.svclab.node.shell.ShellIo;
import io.svclab.node.shell.ShellOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One exec or attach session, the program side of {@code kubectl exec -i/-t} and {@code kubectl
 * attach}: a shell with nothing after it ({@code sh}, {@code bash -i}) and stdin open reads lines
 * through a {@link LineDiscipline} and runs each through the built-in shell, with the image's
 * prompt when there is a TTY; any other command runs once, and a command that reads its stdin
 * ({@code cat}) gets what the client sends until it closes it. The transport (HTTP body frames)
 * stays outside, behind {@link Streams}.
 */
public final class TerminalSession {
  private TerminalSession() {}

  /** Stdin bytes are read at most this far for one command; more ends the read (a bound, not a buffer). */
  static final int MAX_STDIN = 64 << 20;
  private static final Set<String> FLAGS_OF_AN_INTERACTIVE_SHELL = Set.of("-i", "-l", "--login", "-il", "-li");

  /** The two ends of the session: what the client types, where the program writes. */
  public interface Streams {
    /** The next bytes on stdin, blocking; null once the client closed stdin or went away. */
    byte[] read() throws IOException;

    /** Bytes for the client on a stream channel ({@link ExecFrames#STDOUT}, {@link ExecFrames#STDERR}). */
    void write(int channel, byte[] bytes) throws IOException;

    /** The terminal's size as the client last reported it on the resize channel, if it did. */
    default Optional<WindowSize> windowSize() {
      return Optional.empty();
    }

    /** Told every size the client reports from now on (a real terminal is resized as it comes). */
    default void onResize(Consumer<WindowSize> resized) {}
  }

  /**
   * What to run: the argv, whether stdin is open and a TTY set, the container's shell context for a
   * given output sink, the directory an interactive shell starts in, and its prompt per (shell, cwd).
   */
  public record Request(List<String> argv, boolean stdin, boolean tty, Function<Consumer<String>, ShellContext> context,
      String workdir, BiFunction<String, String, String> prompt) {}

  /** Runs the session to its end; the exit code, as the error channel reports it. */
  public static int run(Request r, Streams io) throws IOException {
    try {
      return interactiveShell(r) ? shell(r, io) : command(r, io);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static boolean interactiveShell(Request r) {
    List<String> argv = r.argv();
    return r.stdin() && List.of("sh", "ash", "bash", "dash", "zsh").contains(base(argv.get(0)))
        && FLAGS_OF_AN_INTERACTIVE_SHELL.containsAll(argv.subList(1, argv.size()));
  }

  private static int shell(Request r, Streams io) throws IOException {
    String name = base(r.argv().get(0));
    LineDiscipline[] ld = {LineDiscipline.of(r.tty())};
    Consumer<String> out = line -> write(io, ExecFrames.STDOUT, ld[0].display(line + "\n"));
    ShellInterpreter sh = ShellInterpreter.interactive(r.context().apply(out), name, r.workdir());
    if (r.tty()) write(io, ExecFrames.STDOUT, ld[0].display(r.prompt().apply(name, sh.cwd())));
    for (byte[] typed = io.read(); typed != null; typed = io.read()) {
      LineDiscipline.Step step = ld[0].feed(typed);
      ld[0] = step.next();
      if (step.echo().length > 0) write(io, ExecFrames.STDOUT, step.echo());
      for (LineDiscipline.Input in : step.inputs()) {
        if (in instanceof LineDiscipline.Input.End) {
          if (name.equals("bash")) write(io, ExecFrames.STDOUT, ld[0].display("exit\n"));
          return sh.status();
        }
        if (in instanceof LineDiscipline.Input.Line l) {
          if (r.tty() && name.equals("bash")) {
            // bash's checkwinsize: $COLUMNS and $LINES follow the window kubectl reported
            io.windowSize().ifPresent(w -> {
              sh.set("COLUMNS", Integer.toString(w.columns()));
              sh.set("LINES", Integer.toString(w.lines()));
            });
          }
          Optional<ShellOutcome> ended = sh.line(l.text());
          if (ended.isPresent()) {
            return ((ShellOutcome.Exited) ended.get()).code();
          }
        }
        if (r.tty()) write(io, ExecFrames.STDOUT, ld[0].display(r.prompt().apply(name, sh.cwd())));
      }
    }
    // stdin closed: a pipe's last line without a newline still runs, then sh exits with $?
    if (!ld[0].unfinished().isEmpty()) {
      Optional<ShellOutcome> ended = sh.line(ld[0].unfinished());
      if (ended.isPresent()) return ((ShellOutcome.Exited) ended.get()).code();
    }
    return sh.status();
  }

  private static int command(Request r, Streams io) {
    LineDiscipline display = LineDiscipline.of(r.tty());
    ShellContext ctx = r.context().apply(line -> write(io, ExecFrames.STDOUT, display.display(line + "\n")));
    LineSink out = new LineSink(ctx.output());
    OutputStream err = new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        if (len > 0) {
          TerminalSession.write(io, r.tty() ? ExecFrames.STDOUT : ExecFrames.STDERR,
              display.display(new String(b, off, len, StandardCharsets.UTF_8)));
        }
      }
    };
    InputStream in = r.stdin() ? new StdinInput(io) : InputStream.nullInputStream();
    int code = ShellInterpreter.exec(r.argv(), ctx, new ShellIo(in, out, err));
    out.flush();
    return code;
  }

  /** Stdin as a stream, read from the client only when a command reads it (so {@code sh -c 'echo hi'} never waits). */
  private static final class StdinInput extends InputStream {
    private final Streams io;
    private byte[] chunk = new byte[0];
    private int at;
    private long total;
    private boolean ended;

    StdinInput(Streams io) {
      this.io = io;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (at >= chunk.length) {
        if (ended || total >= MAX_STDIN) return -1;
        byte[] next = io.read();
        if (next == null) {
          ended = true;
          return -1;
        }
        chunk = next;
        at = 0;
        total += next.length;
      }
      int n = Math.min(len, chunk.length - at);
      System.arraycopy(chunk, at, b, off, n);
      at += n;
      return n;
    }
  }

  private static void write(Streams io, int channel, byte[] bytes) {
    try {
      io.write(channel, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String base(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
