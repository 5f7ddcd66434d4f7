package io.svclab.node.shell;

import io.svclab.node.shell.ShellSyntax.AndOr;
import io.svclab.node.shell.ShellSyntax.Command;
import io.svclab.node.shell.ShellSyntax.For;
import io.svclab.node.shell.ShellSyntax.Group;
import io.svclab.node.shell.ShellSyntax.If;
import io.svclab.node.shell.ShellSyntax.Loop;
import io.svclab.node.shell.ShellSyntax.Pipeline;
import io.svclab.node.shell.ShellSyntax.Redirect;
import io.svclab.node.shell.ShellSyntax.Script;
import io.svclab.node.shell.ShellSyntax.Simple;
import io.svclab.node.toolbox.Tool;
import io.svclab.node.toolbox.ToolCall;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
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
import java.util.Set;

/**
 * The shell of the built-in images: {@code sh -c} / {@code bash -c} scripts, container start
 * scripts, and exec commands. The phases live apart: {@link ShellLexer} (text to tokens),
 * {@link ShellParser} (tokens to a {@link ShellSyntax} tree), {@link ShellExpansion} (each word
 * as its command runs: braces in bash, parameters, {@code $(...)}, {@code $((...))}, splitting),
 * and this class, the executor: and-or lists, pipelines (stages run one after another, each
 * reading the previous one's whole output), {@code if}/{@code for}/{@code while}/{@code until},
 * redirections, built-ins, the image's programs ({@link io.svclab.node.toolbox.ImageTools}), and
 * the hand-over to the image's long-running program when a start script ends with it.
 *
 * <p>Entry points: {@link #run(String, List, ShellContext)} for start scripts and probes (output
 * to the context's line sink, an outcome back), {@link #run(String, List, ShellContext, ShellIo)}
 * and {@link #exec(List, ShellContext, ShellIo)} for commands with standard streams (an exit code back).
 */
public final class ShellInterpreter {
  /** Commands the shell runs itself when the image has them (the others come from the toolbox). */
  private static final Set<String> SHELL_PROGRAMS = Set.of("cat", "mkdir", "touch", "rm", "hostname", "date", "env",
      "printenv");
  private static final Set<String> SHELLS = Set.of("sh", "ash", "bash", "dash");

  private final ShellContext ctx;
  private final ShellDialect dialect;
  private final Map<String, String> vars;
  private final List<String> positional;
  private final ShellExpansion expansion = new ShellExpansion(this::lookup, this::substitute);
  private String cwd = "/";
  private int status;
  private Io current;

  private ShellInterpreter(ShellContext ctx, ShellDialect dialect, Map<String, String> vars, List<String> positional) {
    this.ctx = ctx;
    this.dialect = dialect;
    this.vars = vars;
    this.positional = positional;
  }

  /** Standard streams as the executor writes to them. */
  private record Io(InputStream in, PrintStream out, PrintStream err) {}

  /**
   * A container start script or probe: {@code positional} are $0, $1... (as after {@code sh -c
   * script}); stdout and stderr go, line by line, to the context's output.
   */
  public static ShellOutcome run(String script, List<String> positional, ShellContext ctx) {
    OutputStream lines = new LineSink(ctx.output());
    PrintStream ps = new PrintStream(lines, true, StandardCharsets.UTF_8);
    ShellInterpreter sh = new ShellInterpreter(ctx, dialectOf(ctx, "sh"), new LinkedHashMap<>(ctx.env()),
        positional.isEmpty() ? List.of("sh") : positional);
    ShellOutcome o = sh.runScript(script, new Io(InputStream.nullInputStream(), ps, ps), true);
    ps.flush();
    return o;
  }

  /**
   * A script with standard streams ({@code sh -c SCRIPT} in {@code kubectl exec}, or one line an
   * interactive session read); returns its exit status. Syntax errors are written to stderr, status 2.
   */
  public static int run(String script, List<String> positional, ShellContext ctx, ShellIo io) {
    String shell = positional.isEmpty() ? "sh" : positional.get(0).replaceAll(".*/", "");
    ShellInterpreter sh = new ShellInterpreter(ctx, dialectOf(ctx, shell), new LinkedHashMap<>(ctx.env()),
        positional.isEmpty() ? List.of("sh") : positional);
    return sh.withStreams(script, io);
  }

  /**
   * An exec's argv ({@code kubectl exec POD -- CMD...}): {@code sh|bash -c SCRIPT [ARG...]} runs the
   * script in that shell; a shell without {@code -c} reads its script from stdin; any other argv runs
   * as one command of the image's {@code sh}. Returns the exit status.
   */
  public static int exec(List<String> argv, ShellContext ctx, ShellIo io) {
    String first = argv.get(0).replaceAll(".*/", "");
    if (SHELLS.contains(first) && ctx.tools().has(first)) {
      if (argv.size() >= 3 && argv.get(1).equals("-c")) {
        List<String> positional = new ArrayList<>();
        positional.add(argv.size() > 3 ? argv.get(3) : first);
        if (argv.size() > 4) positional.addAll(argv.subList(4, argv.size()));
        return run(argv.get(2), positional, ctx, io);
      }
      try {
        return run(new String(io.in().readAllBytes(), StandardCharsets.UTF_8), List.of(first), ctx, io);
      } catch (IOException e) {
        return 1;
      }
    }
    StringBuilder b = new StringBuilder();
    for (String a : argv) b.append('\'').append(a.replace("'", "'\\''")).append("' ");
    return run(b.toString(), List.of("sh"), ctx, io);
  }

  /**
   * An interactive shell ({@code kubectl exec -it POD -- sh}): one interpreter whose variables,
   * directory and {@code $?} carry over from line to line; output goes to the context's line sink.
   */
  public static ShellInterpreter interactive(ShellContext ctx, String shell, String cwd) {
    ShellInterpreter sh = new ShellInterpreter(ctx, dialectOf(ctx, shell), new LinkedHashMap<>(ctx.env()),
        List.of(shell));
    sh.cwd = cwd;
    return sh;
  }

  /**
   * Runs one line typed at the prompt. Empty while the shell goes on; how it ended after
   * {@code exit}. A command that fails (not found, bad syntax) ends only its line, with its
   * message on the output and its code in {@code $?}, as in an interactive sh. Commands that read
   * stdin get none (the terminal's lines belong to the shell).
   */
  public Optional<ShellOutcome> line(String text) {
    PrintStream ps = new PrintStream(new LineSink(ctx.output()), true, StandardCharsets.UTF_8);
    try {
      script(ShellParser.parse(ShellLexer.lex(text)), new Io(InputStream.nullInputStream(), ps, ps), false);
      return Optional.empty();
    } catch (ShellSyntaxError e) {
      ps.println(dialect.name + ": " + e.getMessage());
      status = 2;
      return Optional.empty();
    } catch (ShellStop s) {
      if (s.outcome instanceof ShellOutcome.Failed f) {
        ps.println(f.message());
        status = f.code();
        return Optional.empty();
      }
      if (s.outcome instanceof ShellOutcome.Exec e) {
        ps.println(dialect.message(1, e.argv().get(0) + ": a long-running program does not run in an interactive shell"));
        status = 126;
        return Optional.empty();
      }
      return Optional.of(s.outcome);
    } finally {
      ps.flush();
    }
  }

  /** The directory the shell is in (what {@code \w} shows in a prompt). */
  public String cwd() {
    return cwd;
  }

  /** {@code $?}: the last command's exit status. */
  /** ^C interrupted the line's foreground command: {@code $?} is 130, as after SIGINT (128 + 2). */
  public void interrupted() {
    status = 130;
  }

  /** Sets a shell variable, as the shell itself does ({@code COLUMNS} after a resize). */
  public void set(String name, String value) {
    vars.put(name, value);
  }

  public int status() {
    return status;
  }

  private static ShellDialect dialectOf(ShellContext ctx, String shell) {
    if (shell.equals("bash")) return ShellDialect.BASH;
    return ctx.tools().sh() == io.svclab.node.toolbox.ImageTools.Shell.ASH ? ShellDialect.ASH : ShellDialect.DASH;
  }

  private int withStreams(String script, ShellIo io) {
    PrintStream out = new PrintStream(io.out(), false, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(io.err(), false, StandardCharsets.UTF_8);
    ShellOutcome o = runScript(script, new Io(io.in(), out, err), false);
    int code;
    if (o instanceof ShellOutcome.Failed f) {
      err.println(f.message());
      code = f.code();
    } else if (o instanceof ShellOutcome.Exited x) {
      code = x.code();
    } else {
      err.println(dialect.message(1, "cannot run a long-running program here: " + ((ShellOutcome.Exec) o).argv()));
      code = 126;
    }
    out.flush();
    err.flush();
    return code;
  }

  // ---------------- running ----------------

  private ShellOutcome runScript(String script, Io io, boolean startScript) {
    Script tree;
    try {
      tree = ShellParser.parse(ShellLexer.lex(script));
    } catch (ShellSyntaxError e) {
      return new ShellOutcome.Failed(2, dialect.name + ": " + e.getMessage());
    }
    try {
      script(tree, io, startScript);
      return new ShellOutcome.Exited(status);
    } catch (ShellStop s) {
      return s.outcome;
    } catch (ShellSyntaxError e) {
      return new ShellOutcome.Failed(2, dialect.name + ": " + e.getMessage());
    } finally {
      io.out().flush();
      io.err().flush();
    }
  }

  /** Runs a list; {@code tail}: its last command may hand over to the image's program (start scripts). */
  private void script(Script s, Io io, boolean tail) {
    for (int i = 0; i < s.items().size(); i++) {
      andOr(s.items().get(i), io, tail && i == s.items().size() - 1);
    }
  }

  private void andOr(AndOr a, Io io, boolean tail) {
    for (int i = 0; i < a.pipelines().size(); i++) {
      if (i > 0) {
        String conn = a.connectors().get(i - 1);
        if (conn.equals("&&") && status != 0 || conn.equals("||") && status == 0) continue;
      }
      pipeline(a.pipelines().get(i), io, tail && i == a.pipelines().size() - 1);
    }
  }

  private void pipeline(Pipeline p, Io io, boolean tail) {
    if (p.commands().size() == 1) {
      command(p.commands().get(0), io, tail && !p.negated());
    } else {
      InputStream in = io.in();
      for (int i = 0; i < p.commands().size(); i++) {
        boolean last = i == p.commands().size() - 1;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = last ? io.out() : new PrintStream(buf, false, StandardCharsets.UTF_8);
        command(p.commands().get(i), new Io(in, out, io.err()), false);
        out.flush();
        if (!last) in = new ByteArrayInputStream(buf.toByteArray());
      }
    }
    if (p.negated()) status = status == 0 ? 1 : 0;
  }

  private void command(Command c, Io io, boolean tail) {
    checkAlive(io);
    if (c instanceof Simple s) {
      simple(s, io, tail);
    } else if (c instanceof If f) {
        for (int i = 0; i < f.conditions().size(); i++) {
          script(f.conditions().get(i), io, false);
          if (status == 0) {
            script(f.bodies().get(i), io, false);
            return;
          }
        }
        status = 0;
        if (f.elseBody() != null) script(f.elseBody(), io, false);
    } else if (c instanceof For f) {
        List<String> words = new ArrayList<>();
        if (f.words() == null) {
          words.addAll(positional.subList(1, positional.size()));
        } else {
          for (String w : f.words()) words.addAll(expandWord(w, f.line()));
        }
        status = 0;
        for (String w : words) {
          checkAlive(io);
          vars.put(f.name(), w);
          script(f.body(), io, false);
        }
    } else if (c instanceof Loop l) {
        int last = 0;
        for (long n = 0; ; n++) {
          checkAlive(io);
          script(l.condition(), io, false);
          if ((status == 0) == l.until()) break;
          script(l.body(), io, false);
          last = status;
          if (n % 64 == 63) Thread.onSpinWait();
        }
        status = last;
    } else if (c instanceof Group g) {
        if (g.subshell()) {
          ShellInterpreter sub = new ShellInterpreter(ctx, dialect, new LinkedHashMap<>(vars), positional);
          sub.cwd = cwd;
          sub.status = status;
          try {
            sub.script(g.body(), io, false);
            status = sub.status;
          } catch (ShellStop s) {
            if (s.outcome instanceof ShellOutcome.Exited x) status = x.code();
            else throw s;
          }
        } else {
          script(g.body(), io, false);
        }
    }
  }

  /** Stops a loop whose reader went away (as SIGPIPE would) or whose session was interrupted. */
  private void checkAlive(Io io) {
    if (Thread.currentThread().isInterrupted() || io.out().checkError()) {
      throw new ShellStop(new ShellOutcome.Exited(130));
    }
  }

  private List<String> expandWord(String word, int line) {
    List<String> out = new ArrayList<>();
    for (String w : dialect.braceExpansion ? ShellExpansion.braces(word) : List.of(word)) {
      out.addAll(expansion.expand(w, line, true));
    }
    return out;
  }

  private void simple(Simple cmd, Io io, boolean tail) {
    current = io;
    int i = 0;
    Map<String, String> assignments = new LinkedHashMap<>();
    while (i < cmd.words().size() && cmd.words().get(i).matches("(?s)[A-Za-z_][A-Za-z0-9_]*=.*")) {
      String w = cmd.words().get(i);
      int eq = w.indexOf('=');
      assignments.put(w.substring(0, eq), String.join(" ", expansion.expand(w.substring(eq + 1), cmd.line(), false)));
      i++;
    }
    List<String> argv = new ArrayList<>();
    for (; i < cmd.words().size(); i++) {
      argv.addAll(expandWord(cmd.words().get(i), cmd.line()));
    }
    Io cio = io;
    List<Runnable> closers = new ArrayList<>();
    for (Redirect r : cmd.redirects()) {
      String op = r.op();
      if (op.equals("2>&1")) {
        cio = new Io(cio.in(), cio.out(), cio.out());
        continue;
      }
      if (op.equals(">&2") || op.equals("1>&2")) {
        cio = new Io(cio.in(), cio.err(), cio.err());
        continue;
      }
      String target = String.join(" ", expansion.expand(r.target(), cmd.line(), false));
      boolean isStderr = op.startsWith("2>");
      if (op.startsWith("<") || op.startsWith("0<")) {
        if (target.equals("/dev/null")) {
          cio = new Io(InputStream.nullInputStream(), cio.out(), cio.err());
          continue;
        }
        try {
          cio = new Io(new ByteArrayInputStream(Files.readAllBytes(resolve(target, cmd.line()))), cio.out(), cio.err());
        } catch (IOException e) {
          io.err().println(dialect.message(cmd.line(), "can't open " + target + ": no such file"));
          status = dialect == ShellDialect.BASH ? 1 : 2;
          return;
        }
        continue;
      }
      PrintStream dest;
      if (target.equals("/dev/null")) {
        dest = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
      } else if (target.equals("/dev/stdout")) {
        dest = io.out();
      } else if (target.equals("/dev/stderr")) {
        dest = io.err();
      } else {
        Path p = resolve(target, cmd.line());
        if (!Files.isDirectory(p.getParent())) {
          io.err().println(dialect.message(cmd.line(), "cannot create " + target + ": Directory nonexistent"));
          status = 2;
          return;
        }
        if (Files.isDirectory(p)) {
          io.err().println(dialect.message(cmd.line(), "cannot create " + target + ": Is a directory"));
          status = 2;
          return;
        }
        try {
          OutputStream f = Files.newOutputStream(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
              op.endsWith(">>") ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
          dest = new PrintStream(f, false, StandardCharsets.UTF_8);
        } catch (IOException e) {
          io.err().println(dialect.message(cmd.line(), "cannot create " + target + ": " + e.getMessage()));
          status = 2;
          return;
        }
        PrintStream toClose = dest;
        closers.add(toClose::close);
      }
      cio = isStderr ? new Io(cio.in(), cio.out(), dest) : new Io(cio.in(), dest, cio.err());
    }
    try {
      if (argv.isEmpty()) {
        vars.putAll(assignments);
        status = 0;
        return;
      }
      Map<String, String> env = vars;
      if (!assignments.isEmpty()) {
        env = new LinkedHashMap<>(vars);
        env.putAll(assignments);
      }
      status = builtin(argv, env, cio, cmd.line(), tail);
    } finally {
      cio.out().flush();
      cio.err().flush();
      closers.forEach(Runnable::run);
    }
  }

  private void fail(int code, int line, String message) {
    throw new ShellStop(new ShellOutcome.Failed(code, dialect.message(line, message)));
  }

  private int builtin(List<String> argv, Map<String, String> env, Io io, int line, boolean last) {
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
        io.out().print((escapes ? ShellFormats.unescape(text) : text) + (newline ? "\n" : ""));
        return 0;
      }
      case "printf" -> {
        if (args.isEmpty()) {
          io.err().println("printf: usage: printf format [arguments]");
          return 2;
        }
        io.out().print(ShellFormats.printf(args.get(0), args.subList(1, args.size())));
        return 0;
      }
      case "true", ":" -> { return 0; }
      case "false" -> { return 1; }
      case "exit" -> {
        io.out().flush();
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
          io.err().println(dialect.message(line, "cd: can't cd to " + dir));
          return 2;
        }
        cwd = "/" + ctx.root().relativize(p).toString().replace('\\', '/');
        return 0;
      }
      case "pwd" -> {
        io.out().print(cwd + "\n");
        return 0;
      }
      case "__mkdir" -> {
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
              io.err().println("mkdir: cannot create directory '" + a + "': File exists");
              rc = 1;
            }
          } catch (NoSuchFileException e) {
            io.err().println("mkdir: cannot create directory '" + a + "': No such file or directory");
            rc = 1;
          } catch (IOException e) {
            io.err().println("mkdir: cannot create directory '" + a + "': " + e.getMessage());
            rc = 1;
          }
        }
        return rc;
      }
      case "__touch" -> {
        for (String a : args) {
          if (a.startsWith("-")) continue;
          try {
            Path p = resolve(a, line);
            if (!Files.exists(p)) Files.createFile(p);
          } catch (IOException e) {
            io.err().println("touch: cannot touch '" + a + "': No such file or directory");
            return 1;
          }
        }
        return 0;
      }
      case "__rm" -> {
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
              io.err().println("rm: cannot remove '" + a + "': Is a directory");
              rc = 1;
            } else if (!Files.deleteIfExists(p) && !force) {
              io.err().println("rm: cannot remove '" + a + "': No such file or directory");
              rc = 1;
            }
          } catch (IOException e) {
            io.err().println("rm: cannot remove '" + a + "': " + e.getMessage());
            rc = 1;
          }
        }
        return rc;
      }
      case "__cat" -> {
        int rc = 0;
        if (args.isEmpty()) {
          try {
            io.in().transferTo(io.out());
          } catch (IOException e) {
            return 1;
          }
        }
        for (String a : args) {
          if (a.startsWith("-")) continue;
          Path p = resolve(a, line);
          try {
            io.out().print(Files.readString(p, StandardCharsets.UTF_8));
          } catch (IOException e) {
            io.err().println("cat: " + a + ": No such file or directory");
            rc = 1;
          }
        }
        return rc;
      }
      case "__hostname" -> {
        if (args.contains("-i") || args.contains("-I") || args.contains("--ip-address")) {
          io.out().print(ctx.podIp() + (args.contains("-I") ? " \n" : "\n"));
        } else {
          io.out().print(ctx.hostname() + "\n");
        }
        return 0;
      }
      case "__date" -> {
        ZonedDateTime now = ZonedDateTime.now(ctx.clock()).withZoneSameInstant(ZoneOffset.UTC);
        if (!args.isEmpty() && args.get(0).startsWith("+")) {
          io.out().print(ShellFormats.strftime(args.get(0).substring(1), now) + "\n");
        } else {
          io.out().print(DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss 'UTC' yyyy", Locale.ROOT).format(now) + "\n");
        }
        return 0;
      }
      case "env", "printenv", "cat", "mkdir", "touch", "rm", "hostname", "date" -> {
        return dispatch(argv, env, io, line, last);
      }
      case "__env", "__printenv" -> {
        if (name.equals("__printenv") && !args.isEmpty()) {
          String v = env.get(args.get(0));
          if (v == null) return 1;
          io.out().print(v + "\n");
          return 0;
        }
        if (name.equals("__env") && !args.isEmpty()) {
          return dispatch(new ArrayList<>(args), env, io, line, last);
        }
        env.forEach((k, v) -> io.out().print(k + "=" + v + "\n"));
        return 0;
      }
      case "exec" -> {
        if (args.isEmpty()) return 0;
        io.out().flush();
        if (ctx.longRunning().test(args)) handOff(new ArrayList<>(args), env, line);
        int code = dispatch(new ArrayList<>(args), env, io, line, false);
        throw new ShellStop(new ShellOutcome.Exited(code));
      }
      case "test", "[" -> {
        List<String> t = new ArrayList<>(args);
        if (name.equals("[")) {
          if (t.isEmpty() || !t.get(t.size() - 1).equals("]")) {
            io.err().println(dialect.message(line, "[: missing ]"));
            return 2;
          }
          t.remove(t.size() - 1);
        }
        return ShellTest.evaluate(t, this::resolve, line, io.err(), dialect);
      }
      case "read" -> {
        String l = readLine(io);
        if (l == null) return 1;
        List<String> names = args.stream().filter(x -> !x.startsWith("-")).toList();
        if (names.isEmpty()) names = List.of("REPLY");
        String[] parts = l.strip().split("[ \t]+", names.size());
        for (int k = 0; k < names.size(); k++) vars.put(names.get(k), k < parts.length ? parts[k] : "");
        return 0;
      }
      default -> {
        return dispatch(argv, env, io, line, last);
      }
    }
  }

  /** An image program: the hand-over (start scripts), a shell program, a toolbox tool, or not found (127). */
  private int dispatch(List<String> argv, Map<String, String> env, Io io, int line, boolean last) {
    String name = argv.get(0).replaceAll(".*/", "");
    if (ctx.longRunning().test(argv)) {
      if (last) handOff(argv, env, line);
      fail(2, line, "'" + String.join(" ", argv) + "' runs in the foreground, so the built-in shell only runs it "
          + "as the script's last command or with exec");
    }
    if (!ctx.tools().has(name)) {
      io.err().println(dialect.notFound(argv.get(0), line));
      return 127;
    }
    if (SHELL_PROGRAMS.contains(name)) {
      List<String> inner = new ArrayList<>(argv);
      inner.set(0, "__" + name);
      return builtin(inner, env, io, line, false);
    }
    if (SHELLS.contains(name)) {
      io.out().flush();
      io.err().flush();
      return exec(argv, new ShellContext(env, ctx.hostname(), ctx.podIp(), ctx.root(), ctx.output(), ctx.clock(),
          a -> false, ctx.tools()), new ShellIo(io.in(), io.out(), io.err()));
    }
    Tool tool = ctx.tools().tool(name);
    if (tool == null) {
      io.err().println(dialect.message(line, name + ": this program of the image is not built into svclab's toolbox"));
      return 127;
    }
    ToolCall call = new ToolCall(name, List.copyOf(argv.subList(1, argv.size())), io.in(), io.out(), io.err(),
        Map.copyOf(env), new ToolCall.Pod(ctx.hostname(), ctx.podIp(), ctx.root(), ctx.clock()), p -> resolve(p, line));
    try {
      return tool.run(call);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ShellStop(new ShellOutcome.Exited(130));
    }
  }

  private String readLine(Io io) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      int c;
      while ((c = io.in().read()) >= 0 && c != '\n') b.write(c);
      if (c < 0 && b.size() == 0) return null;
    } catch (IOException e) {
      return null;
    }
    return b.toString(StandardCharsets.UTF_8);
  }

  private void handOff(List<String> argv, Map<String, String> env, int line) {
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
    ShellInterpreter sub = new ShellInterpreter(ctx, dialect, new LinkedHashMap<>(vars), positional);
    sub.cwd = cwd;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Io parent = current == null ? new Io(InputStream.nullInputStream(), System.out, System.err) : current;
    PrintStream out = new PrintStream(captured, false, StandardCharsets.UTF_8);
    ShellOutcome o = sub.runScript(script, new Io(InputStream.nullInputStream(), out, parent.err()), false);
    current = parent;
    if (o instanceof ShellOutcome.Failed f) {
      throw new ShellStop(f);
    }
    if (o instanceof ShellOutcome.Exec) {
      fail(2, line, "$(" + script + ") would run a long-running program");
    }
    status = ((ShellOutcome.Exited) o).code();
    String text = captured.toString(StandardCharsets.UTF_8);
    while (text.endsWith("\n")) text = text.substring(0, text.length() - 1);
    return text;
  }
}
