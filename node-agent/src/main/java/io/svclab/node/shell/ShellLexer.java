package io.svclab.node.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * The first phase: a script into tokens. Words keep their quotes and {@code $}-forms (expansion
 * reads them later); operators ({@code ; & | ( ) && || ;;} and newlines) and redirections are
 * tokens of their own; comments and escaped newlines vanish. Each token knows its line.
 */
final class ShellLexer {
  private ShellLexer() {}

  enum TokType { WORD, OP, REDIR }

  record Token(TokType type, String text, int line) {}

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
  static int matchParen(String s, int open) {
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
}
