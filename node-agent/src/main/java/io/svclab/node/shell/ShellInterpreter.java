package io.svclab.node.shell;

import io.svclab.node.shell.ShellParser.AndOr;
import io.svclab.node.shell.ShellParser.Command;
import io.svclab.node.shell.ShellParser.Redirect;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A small, honest {@code /bin/sh -c} for the scripts container images are started with:
 * simple commands joined by newlines, {@code ;}, {@code &&} and {@code ||}; single and double
 * quotes; {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code $?}, {@code $(cmd)} and
 * backquotes; redirections {@code >}, {@code >>}, {@code 2>&1}, {@code /dev/null}; the commands
 * {@code echo printf cat mkdir touch rm cd pwd export unset true false : exit hostname date env printenv sleep exec}.
 * A long-running program of the image ({@code nginx -g 'daemon off;'}) ends the script: with
 * {@code exec}, or as its last command. Anything else (loops, pipes, unknown commands) fails
 * the script with a message saying what it could not run, rather than pretending.
 *
 * <p>The phases live apart: {@link ShellLexer} (text to tokens), {@link ShellParser} (tokens to
 * and-or lists of simple commands), {@link ShellExpansion} (each word as its command runs), and
 * this class, the executor: redirections, the built-in commands, {@code $?}, and the hand-over
 * to the image's program.
 */
public final class ShellInterpreter {
  static final String BUILTINS = "echo, printf, cat, mkdir, touch, rm, cd, pwd, export, unset, true, false, :, exit, "
      + "hostname, date, env, printenv, sleep, exec";

  private final ShellContext ctx;
  private final Map<String, String> vars;
  private final List<String> positional;
  private final ShellExpansion expansion = new ShellExpansion(this::lookup, this::substitute);
  private String cwd = "/";
  private int status;
  /** What a command that reads its standard input ({@code cat} with no file) gets; read at most once. */
  private Supplier<String> stdin = () -> "";

  private ShellInterpreter(ShellContext ctx, Map<String, String> vars, List<String> positional) {
    this.ctx = ctx;
    this.vars = vars;
    this.positional = positional;
  }

  /** Runs {@code script}; {@code positional} are $0, $1... (as after {@code sh -c script}). */
  public static ShellOutcome run(String script, List<String> positional, ShellContext ctx) {
    ShellInterpreter sh = new ShellInterpreter(ctx, new LinkedHashMap<>(ctx.env()),
        positional.isEmpty() ? List.of("sh") : positional);
    return sh.runScript(script, false).outcome;
  }

  /**
   * Runs {@code script} with a standard input: {@code stdin} is asked for (blocking until the
   * stream ends) only when a command reads it, so {@code sh -c 'echo hi'} does not wait for it.
   */
  public static ShellOutcome run(String script, List<String> positional, ShellContext ctx, Supplier<String> stdin) {
    ShellInterpreter sh = new ShellInterpreter(ctx, new LinkedHashMap<>(ctx.env()),
        positional.isEmpty() ? List.of("sh") : positional);
    sh.stdin = once(stdin);
    return sh.runScript(script, false).outcome;
  }

  /** An interactive shell: one interpreter whose variables, directory and {@code $?} carry over from line to line. */
  public static ShellInterpreter interactive(ShellContext ctx, String cwd) {
    ShellInterpreter sh = new ShellInterpreter(ctx, new LinkedHashMap<>(ctx.env()), List.of("sh"));
    sh.cwd = cwd;
    return sh;
  }

  /**
   * Runs one line typed at the prompt. Empty while the shell goes on; how it ended after
   * {@code exit}. A command that fails (not found, bad syntax) ends only its line, with its
   * message on the output and its code in {@code $?}, as in an interactive sh.
   */
  public Optional<ShellOutcome> line(String text) {
    Result r = runScript(text, false);
    if (r.stopped && r.outcome instanceof ShellOutcome.Exited) {
      return Optional.of(r.outcome);
    }
    if (r.outcome instanceof ShellOutcome.Failed f) {
      ctx.output().accept(f.message());
      status = f.code();
    } else if (r.outcome instanceof ShellOutcome.Exec e) {
      ctx.output().accept("sh: " + e.argv().get(0) + ": a long-running program does not run in an interactive shell");
      status = 126;
    }
    return Optional.empty();
  }

  /** The directory the shell is in (what {@code \w} shows in a prompt). */
  public String cwd() {
    return cwd;
  }

  /** {@code $?}: the last command's exit status. */
  public int status() {
    return status;
  }

  private static Supplier<String> once(Supplier<String> s) {
    String[] read = new String[1];
    return () -> {
      if (read[0] == null) read[0] = s.get();
      return read[0];
    };
  }

  // ---------------- running ----------------

  private record Result(ShellOutcome outcome, String captured, boolean stopped) {
    Result(ShellOutcome outcome, String captured) {
      this(outcome, captured, false);
    }
  }

  private StringBuilder capture;

  private Result runScript(String script, boolean capturing) {
    List<AndOr> lists;
    try {
      lists = ShellParser.parse(ShellLexer.lex(script));
    } catch (ShellSyntaxError e) {
      return new Result(new ShellOutcome.Failed(2, "sh: " + e.getMessage()), "");
    }
    StringBuilder previousCapture = capture;
    if (capturing) capture = new StringBuilder();
    try {
      for (int li = 0; li < lists.size(); li++) {
        AndOr list = lists.get(li);
        for (int ci = 0; ci < list.commands().size(); ci++) {
          if (ci > 0) {
            String conn = list.connectors().get(ci - 1);
            if (conn.equals("&&") && status != 0 || conn.equals("||") && status == 0) {
              continue;
            }
          }
          boolean last = li == lists.size() - 1 && ci == list.commands().size() - 1;
          execute(list.commands().get(ci), last && !capturing);
        }
      }
      return new Result(new ShellOutcome.Exited(status), capturing ? capture.toString() : "");
    } catch (ShellStop s) {
      return new Result(s.outcome, capturing ? capture.toString() : "", true);
    } catch (ShellSyntaxError e) {
      return new Result(new ShellOutcome.Failed(2, "sh: " + e.getMessage()), "");
    } finally {
      capture = previousCapture;
    }
  }

  /** Where one command's stdout goes. */
  private final class Out {
    Path file;
    boolean append;
    boolean discard;
    final StringBuilder buf = new StringBuilder();

    void print(String s) {
      buf.append(s);
    }

    void flush(int line) {
      if (discard || buf.length() == 0) return;
      if (file != null) {
        try {
          Files.writeString(file, buf, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
          // checked before running the command
        }
      } else if (capture != null) {
        capture.append(buf);
      } else {
        String text = buf.toString();
        if (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
        for (String l : text.split("\n", -1)) ctx.output().accept(l);
      }
    }
  }

  private void execute(Command cmd, boolean last) {
    int i = 0;
    Map<String, String> assignments = new LinkedHashMap<>();
    while (i < cmd.words().size() && cmd.words().get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
      String w = cmd.words().get(i);
      int eq = w.indexOf('=');
      assignments.put(w.substring(0, eq), String.join(" ", expansion.expand(w.substring(eq + 1), cmd.line(), false)));
      i++;
    }
    List<String> argv = new ArrayList<>();
    for (; i < cmd.words().size(); i++) {
      argv.addAll(expansion.expand(cmd.words().get(i), cmd.line(), true));
    }
    Out out = new Out();
    for (Redirect r : cmd.redirects()) {
      String op = r.op();
      if (op.equals("2>&1") || op.equals(">&2") || op.equals("1>&2")) {
        continue; // stderr and stdout both go to the container log, or wherever stdout goes
      }
      String target = String.join(" ", expansion.expand(r.target(), cmd.line(), false));
      boolean isStdout = op.equals(">") || op.equals(">>") || op.equals("1>") || op.equals("1>>") || op.equals(">|");
      boolean isStderr = op.startsWith("2>");
      if (op.startsWith("<") || op.startsWith("0<")) {
        fail(2, cmd.line(), "input redirection '" + op + " " + target + "' is not supported");
      }
      if (target.equals("/dev/null")) {
        if (isStdout) out.discard = true;
        continue;
      }
      if (target.equals("/dev/stdout") || target.equals("/dev/stderr")) {
        continue;
      }
      Path p = resolve(target, cmd.line());
      if (!Files.isDirectory(p.getParent())) {
        ctx.output().accept("sh: " + cmd.line() + ": cannot create " + target + ": Directory nonexistent");
        status = 2;
        return;
      }
      if (Files.isDirectory(p)) {
        ctx.output().accept("sh: " + cmd.line() + ": cannot create " + target + ": Is a directory");
        status = 2;
        return;
      }
      if (isStdout) {
        out.file = p;
        out.append = op.endsWith(">>");
      } else if (isStderr) {
        try {
          if (!Files.exists(p)) Files.createFile(p);
        } catch (IOException e) {
          fail(2, cmd.line(), "cannot create " + target + ": " + e.getMessage());
        }
      }
    }
    if (argv.isEmpty()) {
      vars.putAll(assignments);
      out.flush(cmd.line());
      status = 0;
      return;
    }
    Map<String, String> env = vars;
    if (!assignments.isEmpty()) {
      env = new LinkedHashMap<>(vars);
      env.putAll(assignments);
    }
    status = builtin(argv, env, out, cmd.line(), last);
    out.flush(cmd.line());
  }

  private void fail(int code, int line, String message) {
    throw ShellStop.failure(code, line, message);
  }

  private int builtin(List<String> argv, Map<String, String> env, Out out, int line, boolean last) {
    String name = argv.get(0);
    List<String> args = argv.subList(1, argv.size());
    switch (name) {
      case "echo" -> {
        boolean newline = true;
        boolean escapes = false;
        int k = 0;
        while (k < args.size() && args.get(k).matches("-[neE]+")) {
          newline &= !args.get(k).contains("n");
          escapes = args.get(k).contains("e") || escapes && !args.get(k).contains("E");
          k++;
        }
        String text = String.join(" ", args.subList(k, args.size()));
        out.print((escapes ? ShellFormats.unescape(text) : text) + (newline ? "\n" : ""));
        return 0;
      }
      case "printf" -> {
        if (args.isEmpty()) {
          ctx.output().accept("printf: usage: printf format [arguments]");
          return 2;
        }
        out.print(ShellFormats.printf(args.get(0), args.subList(1, args.size())));
        return 0;
      }
      case "true", ":" -> { return 0; }
      case "false" -> { return 1; }
      case "exit" -> {
        out.flush(line);
        int code = args.isEmpty() ? status : parseInt(args.get(0), line, "exit");
        throw new ShellStop(new ShellOutcome.Exited(code & 0xff));
      }
      case "export" -> {
        for (String a : args) {
          int eq = a.indexOf('=');
          if (eq > 0) vars.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return 0;
      }
      case "unset" -> {
        args.forEach(vars::remove);
        return 0;
      }
      case "cd" -> {
        String dir = args.isEmpty() ? "/" : args.get(0);
        Path p = resolve(dir, line);
        if (!Files.isDirectory(p)) {
          ctx.output().accept("sh: " + line + ": cd: can't cd to " + dir);
          return 2;
        }
        cwd = "/" + ctx.root().relativize(p).toString().replace('\\', '/');
        return 0;
      }
      case "pwd" -> {
        out.print(cwd + "\n");
        return 0;
      }
      case "mkdir" -> {
        boolean parents = args.contains("-p");
        int rc = 0;
        for (String a : args) {
          if (a.startsWith("-")) continue;
          Path p = resolve(a, line);
          try {
            if (parents) Files.createDirectories(p);
            else Files.createDirectory(p);
          } catch (java.nio.file.FileAlreadyExistsException e) {
            if (!parents || !Files.isDirectory(p)) {
              ctx.output().accept("mkdir: cannot create directory '" + a + "': File exists");
              rc = 1;
            }
          } catch (NoSuchFileException e) {
            ctx.output().accept("mkdir: cannot create directory '" + a + "': No such file or directory");
            rc = 1;
          } catch (IOException e) {
            ctx.output().accept("mkdir: cannot create directory '" + a + "': " + e.getMessage());
            rc = 1;
          }
        }
        return rc;
      }
      case "touch" -> {
        for (String a : args) {
          if (a.startsWith("-")) continue;
          try {
            Path p = resolve(a, line);
            if (!Files.exists(p)) Files.createFile(p);
          } catch (IOException e) {
            ctx.output().accept("touch: cannot touch '" + a + "': No such file or directory");
            return 1;
          }
        }
        return 0;
      }
      case "rm" -> {
        boolean force = args.stream().anyMatch(a -> a.startsWith("-") && a.contains("f"));
        boolean recursive = args.stream().anyMatch(a -> a.startsWith("-") && (a.contains("r") || a.contains("R")));
        int rc = 0;
        for (String a : args) {
          if (a.startsWith("-")) continue;
          Path p = resolve(a, line);
          try {
            if (Files.isDirectory(p) && recursive) {
              try (var walk = Files.walk(p)) {
                for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
              }
            } else if (Files.isDirectory(p)) {
              ctx.output().accept("rm: cannot remove '" + a + "': Is a directory");
              rc = 1;
            } else if (!Files.deleteIfExists(p) && !force) {
              ctx.output().accept("rm: cannot remove '" + a + "': No such file or directory");
              rc = 1;
            }
          } catch (IOException e) {
            ctx.output().accept("rm: cannot remove '" + a + "': " + e.getMessage());
            rc = 1;
          }
        }
        return rc;
      }
      case "cat" -> {
        int rc = 0;
        if (args.isEmpty() || args.equals(List.of("-"))) {
          String in = stdin.get();
          stdin = () -> ""; // read to its end: a second reader gets nothing
          out.print(in);
          return 0;
        }
        for (String a : args) {
          if (a.equals("-")) continue;
          Path p = resolve(a, line);
          try {
            out.print(Files.readString(p, StandardCharsets.UTF_8));
          } catch (IOException e) {
            ctx.output().accept("cat: " + a + ": No such file or directory");
            rc = 1;
          }
        }
        return rc;
      }
      case "hostname" -> {
        if (args.contains("-i") || args.contains("-I") || args.contains("--ip-address")) {
          out.print(ctx.podIp() + (args.contains("-I") ? " \n" : "\n"));
        } else {
          out.print(ctx.hostname() + "\n");
        }
        return 0;
      }
      case "date" -> {
        ZonedDateTime now = ZonedDateTime.now(ctx.clock()).withZoneSameInstant(ZoneOffset.UTC);
        if (!args.isEmpty() && args.get(0).startsWith("+")) {
          out.print(ShellFormats.strftime(args.get(0).substring(1), now) + "\n");
        } else {
          out.print(DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy", Locale.ROOT).format(now) + "\n");
        }
        return 0;
      }
      case "env", "printenv" -> {
        if (name.equals("printenv") && !args.isEmpty()) {
          String v = env.get(args.get(0));
          if (v == null) return 1;
          out.print(v + "\n");
          return 0;
        }
        if (name.equals("env") && !args.isEmpty()) {
          return external(args, env, line, last);
        }
        env.forEach((k, v) -> out.print(k + "=" + v + "\n"));
        return 0;
      }
      case "exec" -> {
        if (args.isEmpty()) return 0;
        out.flush(line);
        handOff(new ArrayList<>(args), env, line);
        return 0; // not reached
      }
      default -> {
        return external(argv, env, line, last);
      }
    }
  }

  private int external(List<String> argv, Map<String, String> env, int line, boolean last) {
    if (ctx.longRunning().test(argv)) {
      if (last) {
        handOff(argv, env, line);
      }
      fail(2, line, "'" + String.join(" ", argv) + "' runs in the foreground, so the built-in shell only runs it "
          + "as the script's last command or with exec");
    }
    fail(127, line, argv.get(0) + ": not found (the built-in shell runs " + BUILTINS
        + ", and the image's own long-running program as the last command)");
    return 127;
  }

  private void handOff(List<String> argv, Map<String, String> env, int line) {
    if (!ctx.longRunning().test(argv)) {
      fail(127, line, "exec: " + argv.get(0) + ": not found (no such built-in program in this image)");
    }
    throw new ShellStop(new ShellOutcome.Exec(List.copyOf(argv), Map.copyOf(env)));
  }

  private int parseInt(String s, int line, String what) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      fail(2, line, what + ": Illegal number: " + s);
      return 2;
    }
  }

  /** An absolute or cwd-relative path inside the container's root; never outside it. */
  private Path resolve(String path, int line) {
    String abs = path.startsWith("/") ? path : (cwd.endsWith("/") ? cwd : cwd + "/") + path;
    Path root = ctx.root().toAbsolutePath().normalize();
    Path p = root.resolve(abs.substring(1)).normalize();
    if (!p.startsWith(root)) {
      p = root;
    }
    return p;
  }

  // ---------------- what expansion asks of the executor ----------------

  private String lookup(String name) {
    switch (name) {
      case "?": return Integer.toString(status);
      case "$": return "1";
      case "!": return "";
      case "#": return Integer.toString(positional.size() - 1);
      case "@", "*": return String.join(" ", positional.subList(1, positional.size()));
      default:
        if (name.matches("[0-9]")) {
          int k = Integer.parseInt(name);
          return k < positional.size() ? positional.get(k) : "";
        }
        return vars.get(name);
    }
  }

  private String substitute(String script, int line) {
    ShellInterpreter sub = new ShellInterpreter(ctx, new LinkedHashMap<>(vars), positional);
    sub.cwd = cwd;
    Result r = sub.runScript(script, true);
    if (r.outcome() instanceof ShellOutcome.Failed f) {
      throw new ShellStop(f);
    }
    if (r.outcome() instanceof ShellOutcome.Exec) {
      fail(2, line, "$(" + script + ") would run a long-running program");
    }
    String out = r.captured();
    while (out.endsWith("\n")) out = out.substring(0, out.length() - 1);
    return out;
  }
}
