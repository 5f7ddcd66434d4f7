package io.svclab.node.shell;

import io.svclab.node.shell.ShellLexer.TokType;
import io.svclab.node.shell.ShellLexer.Token;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The second phase: tokens into a {@link Script}, by recursive descent over the POSIX grammar's
 * parts this shell runs: and-or lists, pipelines, simple commands, {@code if}, {@code for},
 * {@code while}/{@code until}, {@code { }} and {@code ( )}. Background jobs, {@code case} and
 * functions are refused with a message saying so. Errors use dash's wording.
 */
final class ShellParser {
  /** Words that end a list when they stand where a command would. */
  private static final Set<String> CLOSERS = Set.of("then", "else", "elif", "fi", "do", "done", "}");
  private static final Set<String> UNSUPPORTED = Set.of("case", "esac", "function", "select", "[[");

  private final List<Token> tokens;
  private int pos;

  private ShellParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Script parse(List<Token> tokens) {
    ShellParser p = new ShellParser(tokens);
    Script s = p.list();
    if (p.pos < tokens.size()) {
      throw p.unexpected(tokens.get(p.pos));
    }
    return s;
  }

  private Token peek() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  private boolean atOp(String op) {
    Token t = peek();
    return t != null && t.type() == TokType.OP && t.text().equals(op);
  }

  private boolean atWord(String w) {
    Token t = peek();
    return t != null && t.type() == TokType.WORD && t.text().equals(w);
  }

  private void skipNewlines() {
    while (atOp("\n")) pos++;
  }

  private int line() {
    Token t = peek();
    return t != null ? t.line() : tokens.isEmpty() ? 1 : tokens.get(tokens.size() - 1).line();
  }

  private ShellSyntaxError unexpected(Token t) {
    String what = t.text().equals("\n") ? "newline" : "\"" + t.text() + "\"";
    return new ShellSyntaxError(t.line() + ": Syntax error: " + what + " unexpected");
  }

  private ShellSyntaxError eof(String expecting) {
    return new ShellSyntaxError(line() + ": Syntax error: end of file unexpected (expecting \"" + expecting + "\")");
  }

  /** A list up to EOF, a closing keyword, or ')'. */
  private Script list() {
    List<AndOr> items = new ArrayList<>();
    while (true) {
      while (atOp("\n") || atOp(";")) {
        if (atOp(";") && items.isEmpty()) throw unexpected(peek());
        pos++;
      }
      Token t = peek();
      if (t == null || atOp(")") || t.type() == TokType.WORD && CLOSERS.contains(t.text())) {
        return new Script(List.copyOf(items));
      }
      items.add(andOr());
      if (atOp("&")) {
        throw new ShellSyntaxError("unsupported shell syntax '&' on line " + line()
            + " (the built-in shell has no background jobs)");
      }
      Token sep = peek();
      if (sep != null && !(atOp(";") || atOp("\n") || atOp(")") || sep.type() == TokType.WORD && CLOSERS.contains(sep.text()))) {
        throw unexpected(sep);
      }
    }
  }

  private AndOr andOr() {
    List<Pipeline> pipelines = new ArrayList<>();
    List<String> connectors = new ArrayList<>();
    pipelines.add(pipeline());
    while (atOp("&&") || atOp("||")) {
      connectors.add(tokens.get(pos++).text());
      skipNewlines();
      if (peek() == null) throw new ShellSyntaxError(line() + ": Syntax error: end of file unexpected");
      pipelines.add(pipeline());
    }
    return new AndOr(List.copyOf(pipelines), List.copyOf(connectors));
  }

  private Pipeline pipeline() {
    boolean negated = false;
    if (atWord("!")) {
      negated = true;
      pos++;
    }
    List<Command> commands = new ArrayList<>();
    commands.add(command());
    while (atOp("|")) {
      pos++;
      skipNewlines();
      if (peek() == null) throw new ShellSyntaxError(line() + ": Syntax error: end of file unexpected");
      commands.add(command());
    }
    return new Pipeline(negated, List.copyOf(commands));
  }

  private Command command() {
    Token t = peek();
    if (t.type() == TokType.OP) {
      if (t.text().equals("(")) {
        pos++;
        Script body = list();
        expectOp(")");
        return new Group(body, true);
      }
      throw unexpected(t);
    }
    if (t.type() == TokType.WORD) {
      switch (t.text()) {
        case "if" -> { return ifCommand(); }
        case "for" -> { return forCommand(); }
        case "while", "until" -> {
          pos++;
          Script cond = list();
          expectWord("do");
          Script body = list();
          expectWord("done");
          return new Loop(t.text().equals("until"), cond, body);
        }
        case "{" -> {
          pos++;
          Script body = list();
          expectWord("}");
          return new Group(body, false);
        }
        default -> {
          if (UNSUPPORTED.contains(t.text()) || isFunctionDefinition()) {
            throw new ShellSyntaxError("unsupported shell syntax '" + t.text() + "' on line " + t.line()
                + " (the built-in shell has no case, [[ ]] or functions)");
          }
          if (CLOSERS.contains(t.text())) throw unexpected(t);
        }
      }
    }
    return simple();
  }

  private boolean isFunctionDefinition() {
    return pos + 1 < tokens.size() && tokens.get(pos + 1).type() == TokType.OP && tokens.get(pos + 1).text().equals("(")
        && pos + 2 < tokens.size() && tokens.get(pos + 2).text().equals(")");
  }

  private Simple simple() {
    int line = line();
    List<String> words = new ArrayList<>();
    List<Redirect> redirects = new ArrayList<>();
    while (peek() != null && peek().type() != TokType.OP) {
      Token t = tokens.get(pos++);
      if (t.type() == TokType.WORD) {
        words.add(t.text());
      } else if (t.text().contains("&") && !t.text().endsWith("&")) {
        redirects.add(new Redirect(t.text(), ""));
      } else {
        if (peek() == null || peek().type() != TokType.WORD) {
          throw peek() == null ? new ShellSyntaxError(t.line() + ": Syntax error: newline unexpected") : unexpected(peek());
        }
        redirects.add(new Redirect(t.text(), tokens.get(pos++).text()));
      }
    }
    return new Simple(List.copyOf(words), List.copyOf(redirects), line);
  }

  private If ifCommand() {
    pos++;
    List<Script> conditions = new ArrayList<>();
    List<Script> bodies = new ArrayList<>();
    Script elseBody = null;
    conditions.add(list());
    expectWord("then");
    bodies.add(list());
    while (true) {
      if (atWord("elif")) {
        pos++;
        conditions.add(list());
        expectWord("then");
        bodies.add(list());
      } else if (atWord("else")) {
        pos++;
        elseBody = list();
        expectWord("fi");
        break;
      } else {
        expectWord("fi");
        break;
      }
    }
    return new If(List.copyOf(conditions), List.copyOf(bodies), elseBody);
  }

  private For forCommand() {
    int line = line();
    pos++;
    Token name = peek();
    if (name == null || name.type() != TokType.WORD || !name.text().matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw name == null ? eof("do") : new ShellSyntaxError(line + ": Syntax error: Bad for loop variable");
    }
    pos++;
    List<String> words = null;
    skipNewlines();
    if (atWord("in")) {
      pos++;
      words = new ArrayList<>();
      while (peek() != null && peek().type() == TokType.WORD) words.add(tokens.get(pos++).text());
      if (!(atOp(";") || atOp("\n"))) {
        throw peek() == null ? eof("do") : unexpected(peek());
      }
      pos++;
    } else if (atOp(";")) {
      pos++;
    }
    skipNewlines();
    expectWord("do");
    Script body = list();
    expectWord("done");
    return new For(name.text(), words == null ? null : List.copyOf(words), body, line);
  }

  private void expectWord(String w) {
    if (!atWord(w)) {
      if (peek() == null) throw eof(w);
      ShellSyntaxError e = unexpected(peek());
      throw new ShellSyntaxError(e.getMessage() + " (expecting \"" + w + "\")");
    }
    pos++;
  }

  private void expectOp(String op) {
    if (!atOp(op)) {
      throw peek() == null ? eof(op) : unexpected(peek());
    }
    pos++;
  }
}
