package io.svclab.node.shell;

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
import java.util.Set;

/**
 * A small, honest {@code /bin/sh -c} for the scripts container images are started with:
 * simple commands joined by newlines, {@code ;}, {@code &&} and {@code ||}; single and double
 * quotes; {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}}, {@code $?}, {@code $(cmd)} and
 * backquotes; redirections {@code >}, {@code >>}, {@code 2>&1}, {@code /dev/null}; the commands
 * {@code echo printf cat mkdir touch rm cd pwd export unset true false : exit hostname date env printenv sleep exec}.
 * A long-running program of the image ({@code nginx -g 'daemon off;'}) ends the script: with
 * {@code exec}, or as its last command. Anything else (loops, pipes, unknown commands) fails
 * the script with a message saying what it could not run, rather than pretending.
 */
public final class ShellInterpreter {
  private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "for", "while", "until",
      "do", "done", "case", "esac", "function", "{", "}", "select", "[[", "]]");
  static final String BUILTINS = "echo, printf, cat, mkdir, touch, rm, cd, pwd, export, unset, true, false, :, exit, "
      + "hostname, date, env, printenv, sleep, exec";

  private final ShellContext ctx;
  private final Map<String, String> vars;
  private final List<String> positional;
  private String cwd = "/";
  private int status;

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

  // ---------------- lexing ----------------

  enum TokType { WORD, OP, REDIR }

  record Token(TokType type, String text, int line) {}

  private static final class ShellSyntaxError extends RuntimeException {
    ShellSyntaxError(String message) { super(message); }
  }

  private static final class Stop extends RuntimeException {
    final transient ShellOutcome outcome;
    Stop(ShellOutcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }

  static List<Token> lex(String s) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int line = 1;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\n') {
        out.add(new Token(TokType.OP, "\n", line));
        line++;
        i++;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        i++;
      } else if (c == '\\' && i + 1 < n && s.charAt(i + 1) == '\n') {
        i += 2;
        line++;
      } else if (c == '#') {
        while (i < n && s.charAt(i) != '\n') i++;
      } else if (c == ';' || c == '&' || c == '|' || c == '(' || c == ')') {
        String op = String.valueOf(c);
        if (i + 1 < n && (c == '&' || c == '|' || c == ';') && s.charAt(i + 1) == c) {
          op = op + c;
        }
        out.add(new Token(TokType.OP, op, line));
        i += op.length();
      } else if (c == '>' || c == '<' || (Character.isDigit(c) && i + 1 < n && (s.charAt(i + 1) == '>' || s.charAt(i + 1) == '<')
          && (i == 0 || " \t\n;&|".indexOf(s.charAt(i - 1)) >= 0))) {
        int j = i;
        StringBuilder r = new StringBuilder();
        if (Character.isDigit(c)) r.append(s.charAt(j++));
        r.append(s.charAt(j++));
        if (j < n && (s.charAt(j) == '>' || s.charAt(j) == '&')) {
          r.append(s.charAt(j++));
          if (r.charAt(r.length() - 1) == '&') {
            while (j < n && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '-')) r.append(s.charAt(j++));
          }
        }
        out.add(new Token(TokType.REDIR, r.toString(), line));
        i = j;
      } else {
        int start = i;
        int[] lines = {0};
        i = scanWord(s, i, lines);
        out.add(new Token(TokType.WORD, s.substring(start, i), line));
        line += lines[0];
      }
    }
    return out;
  }

  /** Returns the index after the word starting at {@code i}, honouring quotes, $( ) and backquotes. */
  private static int scanWord(String s, int i, int[] newlines) {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (" \t\r\n;&|<>()".indexOf(c) >= 0) {
        return i;
      }
      if (c == '\\') {
        i = Math.min(n, i + 2);
      } else if (c == '\'') {
        int end = s.indexOf('\'', i + 1);
        if (end < 0) throw new ShellSyntaxError("Syntax error: Unterminated quoted string");
        newlines[0] += count(s, i, end);
        i = end + 1;
      } else if (c == '"') {
        i = skipDouble(s, i, newlines);
      } else if (c == '`') {
        int end = s.indexOf('`', i + 1);
        if (end < 0) throw new ShellSyntaxError("Syntax error: EOF in backquote substitution");
        i = end + 1;
      } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '(') {
        i = matchParen(s, i + 1) + 1;
      } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '{') {
        int end = s.indexOf('}', i);
        if (end < 0) throw new ShellSyntaxError("Syntax error: Missing '}'");
        i = end + 1;
      } else {
        i++;
      }
    }
    return i;
  }

  private static int count(String s, int from, int to) {
    int k = 0;
    for (int i = from; i < to; i++) if (s.charAt(i) == '\n') k++;
    return k;
  }

  private static int skipDouble(String s, int i, int[] newlines) {
    int n = s.length();
    i++;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else if (c == '$' && i + 1 < n && s.charAt(i + 1) == '(') {
        i = matchParen(s, i + 1) + 1;
      } else {
        if (c == '\n') newlines[0]++;
        i++;
      }
    }
    throw new ShellSyntaxError("Syntax error: Unterminated quoted string");
  }

  /** Index of the ')' matching the '(' at {@code open}. */
  private static int matchParen(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\'') {
        i = s.indexOf('\'', i + 1);
        if (i < 0) break;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (--depth == 0) return i;
      }
    }
    throw new ShellSyntaxError("Syntax error: end of file unexpected (expecting \")\")");
  }

  // ---------------- parsing ----------------

  record Redirect(String op, String target) {}

  record Command(List<String> words, List<Redirect> redirects, int line) {}

  /** An and-or list: commands joined by && / || (connectors.get(i) joins command i and i+1). */
  record AndOr(List<Command> commands, List<String> connectors) {}

  static List<AndOr> parse(List<Token> tokens) {
    List<AndOr> lists = new ArrayList<>();
    List<Command> cmds = new ArrayList<>();
    List<String> conns = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    int line = 1;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      switch (t.type()) {
        case WORD -> {
          if (words.isEmpty() && redirects.isEmpty()) line = t.line();
          if (words.isEmpty() && KEYWORDS.contains(t.text())) {
            throw new ShellSyntaxError("unsupported shell syntax '" + t.text() + "' on line " + t.line()
                + " (the built-in shell runs simple commands joined by newlines, ;, && and ||)");
          }
          words.add(t.text());
        }
        case REDIR -> {
          String op = t.text();
          if (op.contains("&") && !op.endsWith("&")) {
            redirects.add(new Redirect(op, ""));
          } else {
            if (i + 1 >= tokens.size() || tokens.get(i + 1).type() != TokType.WORD) {
              throw new ShellSyntaxError(t.line() + ": Syntax error: newline unexpected");
            }
            redirects.add(new Redirect(op, tokens.get(++i).text()));
          }
        }
        case OP -> {
          String op = t.text();
          switch (op) {
            case "&&", "||" -> {
              if (words.isEmpty() && redirects.isEmpty()) {
                throw new ShellSyntaxError(t.line() + ": Syntax error: \"" + op + "\" unexpected");
              }
              cmds.add(new Command(List.copyOf(words), List.copyOf(redirects), line));
              words.clear();
              redirects.clear();
              conns.add(op);
              // a newline after && / || continues the list
              while (i + 1 < tokens.size() && tokens.get(i + 1).text().equals("\n")) i++;
            }
            case ";", "\n" -> {
              if (!words.isEmpty() || !redirects.isEmpty()) {
                cmds.add(new Command(List.copyOf(words), List.copyOf(redirects), line));
                words.clear();
                redirects.clear();
              }
              if (!cmds.isEmpty()) {
                lists.add(new AndOr(List.copyOf(cmds), List.copyOf(conns)));
                cmds.clear();
                conns.clear();
              }
            }
            default -> throw new ShellSyntaxError("unsupported shell syntax '" + op + "' on line " + t.line()
                + " (pipes, background jobs, subshells and case are not supported by the built-in shell)");
          }
        }
      }
    }
    if (!words.isEmpty() || !redirects.isEmpty()) {
      cmds.add(new Command(List.copyOf(words), List.copyOf(redirects), line));
    }
    if (!conns.isEmpty() && cmds.size() == conns.size()) {
      throw new ShellSyntaxError("Syntax error: end of file unexpected");
    }
    if (!cmds.isEmpty()) {
      lists.add(new AndOr(List.copyOf(cmds), List.copyOf(conns)));
    }
    return lists;
  }

  // ---------------- running ----------------

  private record Result(ShellOutcome outcome, String captured) {}

  private StringBuilder capture;

  private Result runScript(String script, boolean capturing) {
    List<AndOr> lists;
    try {
      lists = parse(lex(script));
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
    } catch (Stop s) {
      return new Result(s.outcome, capturing ? capture.toString() : "");
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
      assignments.put(w.substring(0, eq), String.join(" ", expand(w.substring(eq + 1), cmd.line(), false)));
      i++;
    }
    List<String> argv = new ArrayList<>();
    for (; i < cmd.words().size(); i++) {
      argv.addAll(expand(cmd.words().get(i), cmd.line(), true));
    }
    Out out = new Out();
    for (Redirect r : cmd.redirects()) {
      String op = r.op();
      if (op.equals("2>&1") || op.equals(">&2") || op.equals("1>&2")) {
        continue; // stderr and stdout both go to the container log, or wherever stdout goes
      }
      String target = String.join(" ", expand(r.target(), cmd.line(), false));
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
    throw new Stop(new ShellOutcome.Failed(code, "sh: " + line + ": " + message));
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
        out.print((escapes ? unescape(text) : text) + (newline ? "\n" : ""));
        return 0;
      }
      case "printf" -> {
        if (args.isEmpty()) {
          ctx.output().accept("printf: usage: printf format [arguments]");
          return 2;
        }
        out.print(printf(args.get(0), args.subList(1, args.size())));
        return 0;
      }
      case "true", ":" -> { return 0; }
      case "false" -> { return 1; }
      case "exit" -> {
        out.flush(line);
        int code = args.isEmpty() ? status : parseInt(args.get(0), line, "exit");
        throw new Stop(new ShellOutcome.Exited(code & 0xff));
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
          out.print(strftime(args.get(0).substring(1), now) + "\n");
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
    throw new Stop(new ShellOutcome.Exec(List.copyOf(argv), Map.copyOf(env)));
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

  // ---------------- expansion ----------------

  /** Expands one word: quotes removed, parameters and command substitutions done, unquoted results split. */
  List<String> expand(String word, int line, boolean split) {
    List<String> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean have = false;
    int n = word.length();
    int i = 0;
    while (i < n) {
      char c = word.charAt(i);
      if (c == '\\' && i + 1 < n) {
        cur.append(word.charAt(i + 1));
        have = true;
        i += 2;
      } else if (c == '\'') {
        int end = word.indexOf('\'', i + 1);
        cur.append(word, i + 1, end);
        have = true;
        i = end + 1;
      } else if (c == '"') {
        have = true;
        i++;
        while (i < n && word.charAt(i) != '"') {
          char d = word.charAt(i);
          if (d == '\\' && i + 1 < n && "$`\"\\\n".indexOf(word.charAt(i + 1)) >= 0) {
            cur.append(word.charAt(i + 1));
            i += 2;
          } else if (d == '$' || d == '`') {
            int[] end = {0};
            cur.append(dollar(word, i, end, line));
            i = end[0];
          } else {
            cur.append(d);
            i++;
          }
        }
        i++;
      } else if (c == '$' || c == '`') {
        int[] end = {0};
        String value = dollar(word, i, end, line);
        i = end[0];
        if (!split) {
          cur.append(value);
          have |= !value.isEmpty();
        } else {
          String[] parts = value.split("[ \t\n]+", -1);
          for (int k = 0; k < parts.length; k++) {
            if (k > 0) {
              if (have || cur.length() > 0) fields.add(cur.toString());
              cur.setLength(0);
              have = false;
            }
            cur.append(parts[k]);
            have |= !parts[k].isEmpty();
          }
        }
      } else {
        cur.append(c);
        have = true;
        i++;
      }
    }
    if (have || cur.length() > 0) fields.add(cur.toString());
    return fields;
  }

  /** Expands the $-form or backquote at {@code i}; sets end[0] to the index after it. */
  private String dollar(String w, int i, int[] end, int line) {
    int n = w.length();
    if (w.charAt(i) == '`') {
      int close = w.indexOf('`', i + 1);
      end[0] = close + 1;
      return substitute(w.substring(i + 1, close), line);
    }
    if (i + 1 >= n) {
      end[0] = i + 1;
      return "$";
    }
    char c = w.charAt(i + 1);
    if (c == '(') {
      int close = matchParen(w, i + 1);
      end[0] = close + 1;
      if (close > i + 2 && w.charAt(i + 2) == '(') {
        fail(2, line, "arithmetic expansion $((...)) is not supported by the built-in shell");
      }
      return substitute(w.substring(i + 2, close), line);
    }
    if (c == '{') {
      int close = w.indexOf('}', i);
      end[0] = close + 1;
      String body = w.substring(i + 2, close);
      int op = body.indexOf(":-");
      if (op > 0) {
        String v = lookup(body.substring(0, op));
        return v == null || v.isEmpty() ? String.join(" ", expand(body.substring(op + 2), line, false)) : v;
      }
      op = body.indexOf('-');
      if (op > 0 && body.substring(0, op).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        String v = lookup(body.substring(0, op));
        return v == null ? String.join(" ", expand(body.substring(op + 1), line, false)) : v;
      }
      if (!body.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9#?@*$]")) {
        fail(2, line, "${" + body + "}: this parameter expansion is not supported by the built-in shell");
      }
      String v = lookup(body);
      return v == null ? "" : v;
    }
    if (Character.isDigit(c) || "?#@*$!".indexOf(c) >= 0) {
      end[0] = i + 2;
      String v = lookup(String.valueOf(c));
      return v == null ? "" : v;
    }
    if (Character.isLetter(c) || c == '_') {
      int j = i + 1;
      while (j < n && (Character.isLetterOrDigit(w.charAt(j)) || w.charAt(j) == '_')) j++;
      end[0] = j;
      String v = lookup(w.substring(i + 1, j));
      return v == null ? "" : v;
    }
    end[0] = i + 1;
    return "$";
  }

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
      throw new Stop(f);
    }
    if (r.outcome() instanceof ShellOutcome.Exec) {
      fail(2, line, "$(" + script + ") would run a long-running program");
    }
    String out = r.captured();
    while (out.endsWith("\n")) out = out.substring(0, out.length() - 1);
    return out;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char d = s.charAt(++i);
        switch (d) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case '\\' -> b.append('\\');
          case 'c' -> { return b.toString(); }
          default -> b.append('\\').append(d);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String printf(String format, List<String> args) {
    StringBuilder b = new StringBuilder();
    int a = 0;
    do {
      for (int i = 0; i < format.length(); i++) {
        char c = format.charAt(i);
        if (c == '%' && i + 1 < format.length()) {
          char d = format.charAt(++i);
          if (d == '%') {
            b.append('%');
          } else {
            String v = a < args.size() ? args.get(a++) : "";
            b.append(d == 'd' && v.isEmpty() ? "0" : v);
          }
        } else if (c == '\\' && i + 1 < format.length()) {
          char d = format.charAt(++i);
          b.append(d == 'n' ? "\n" : d == 't' ? "\t" : d == '\\' ? "\\" : "\\" + d);
        } else {
          b.append(c);
        }
      }
    } while (a > 0 && a < args.size());
    return b.toString();
  }

  private static String strftime(String f, ZonedDateTime t) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == '%' && i + 1 < f.length()) {
        char d = f.charAt(++i);
        b.append(switch (d) {
          case 'Y' -> String.format("%04d", t.getYear());
          case 'm' -> String.format("%02d", t.getMonthValue());
          case 'd' -> String.format("%02d", t.getDayOfMonth());
          case 'H' -> String.format("%02d", t.getHour());
          case 'M' -> String.format("%02d", t.getMinute());
          case 'S' -> String.format("%02d", t.getSecond());
          case 's' -> Long.toString(t.toEpochSecond());
          case 'T' -> String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
          case 'F' -> String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
          default -> "%" + d;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
