package io.svclab.node.shell;

import io.svclab.node.shell.ShellLexer.TokType;
import io.svclab.node.shell.ShellLexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The second phase: tokens into the tree the executor runs, which for this shell is flat: a
 * list of and-or lists of simple commands (words and redirections). Compound commands (if,
 * loops, case, functions), pipes, background jobs and subshells are refused with a message
 * saying so.
 */
final class ShellParser {
  private ShellParser() {}

  private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "for", "while", "until",
      "do", "done", "case", "esac", "function", "{", "}", "select", "[[", "]]");

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
}
