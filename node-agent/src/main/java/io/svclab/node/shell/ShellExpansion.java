package io.svclab.node.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The third phase, per word when its command runs: quotes removed, parameters ({@code $VAR},
 * {@code ${VAR}}, {@code ${VAR:-word}}, {@code ${VAR-word}}, {@code $?}, {@code $1}, {@code $@})
 * and command substitutions ({@code $(...)}, backquotes) replaced, and unquoted results split
 * into fields on blanks. Parameters and substitutions come from the executor.
 */
final class ShellExpansion {
  /** Runs a command substitution's script; its output without trailing newlines. */
  interface Substitution {
    String run(String script, int line);
  }

  /** A parameter's value by name ({@code HOME}, {@code ?}, {@code 1}), or null when unset. */
  private final Function<String, String> parameters;
  private final Substitution substitution;

  ShellExpansion(Function<String, String> parameters, Substitution substitution) {
    this.parameters = parameters;
    this.substitution = substitution;
  }

  /**
   * bash's brace expansion, before every other expansion: {@code {1..5}}, {@code {a,b}}, with
   * prefix and suffix ({@code x{1..3}y}); quoted or unbalanced braces stay as they are.
   */
  static List<String> braces(String word) {
    int open = -1;
    int n = word.length();
    for (int i = 0; i < n; i++) {
      char c = word.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '\'') {
        int end = word.indexOf('\'', i + 1);
        if (end < 0) return List.of(word);
        i = end;
      } else if (c == '"') {
        i = closingDoubleQuote(word, i);
      } else if (c == '$' && i + 1 < n && word.charAt(i + 1) == '{') {
        int end = word.indexOf('}', i);
        if (end < 0) return List.of(word);
        i = end;
      } else if (c == '{') {
        open = i;
        int depth = 0;
        for (int j = i; j < n; j++) {
          char d = word.charAt(j);
          if (d == '{') depth++;
          if (d == '}' && --depth == 0) {
            List<String> parts = alternatives(word.substring(open + 1, j));
            if (parts == null) break;
            List<String> out = new ArrayList<>();
            String prefix = word.substring(0, open);
            for (String part : parts) out.addAll(braces(prefix + part + word.substring(j + 1)));
            return out;
          }
        }
      }
    }
    return List.of(word);
  }

  /** The words a brace body stands for ({@code 1..3}, {@code a,b}), or null when it is no brace expression. */
  private static List<String> alternatives(String body) {
    var range = java.util.regex.Pattern.compile("(-?\\d+)\\.\\.(-?\\d+)(?:\\.\\.(-?\\d+))?").matcher(body);
    if (range.matches()) {
      long from = Long.parseLong(range.group(1));
      long to = Long.parseLong(range.group(2));
      long step = range.group(3) == null ? 1 : Math.max(1, Math.abs(Long.parseLong(range.group(3))));
      List<String> out = new ArrayList<>();
      for (long k = from; from <= to ? k <= to : k >= to; k += from <= to ? step : -step) {
        out.add(Long.toString(k));
        if (out.size() > 100_000) break;
      }
      return out;
    }
    var letters = java.util.regex.Pattern.compile("([A-Za-z])\\.\\.([A-Za-z])").matcher(body);
    if (letters.matches()) {
      char from = letters.group(1).charAt(0);
      char to = letters.group(2).charAt(0);
      List<String> out = new ArrayList<>();
      for (char k = from; from <= to ? k <= to : k >= to; k += from <= to ? 1 : -1) out.add(String.valueOf(k));
      return out;
    }
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '{') depth++;
      if (c == '}') depth--;
      if (c == ',' && depth == 0) {
        out.add(body.substring(start, i));
        start = i + 1;
      }
    }
    if (out.isEmpty()) return null;
    out.add(body.substring(start));
    return out;
  }

  private static int closingDoubleQuote(String w, int i) {
    for (int j = i + 1; j < w.length(); j++) {
      if (w.charAt(j) == '\\') j++;
      else if (w.charAt(j) == '"') return j;
    }
    return w.length();
  }

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
      return substitution.run(w.substring(i + 1, close), line);
    }
    if (i + 1 >= n) {
      end[0] = i + 1;
      return "$";
    }
    char c = w.charAt(i + 1);
    if (c == '(') {
      int close = ShellLexer.matchParen(w, i + 1);
      end[0] = close + 1;
      if (close > i + 2 && w.charAt(i + 2) == '(') {
        String expr = w.substring(i + 3, close - 1);
        return Long.toString(ShellArithmetic.evaluate(String.join(" ", expand(expr, line, false)), parameters, line));
      }
      return substitution.run(w.substring(i + 2, close), line);
    }
    if (c == '{') {
      int close = w.indexOf('}', i);
      end[0] = close + 1;
      String body = w.substring(i + 2, close);
      int op = body.indexOf(":-");
      if (op > 0) {
        String v = parameters.apply(body.substring(0, op));
        return v == null || v.isEmpty() ? String.join(" ", expand(body.substring(op + 2), line, false)) : v;
      }
      op = body.indexOf('-');
      if (op > 0 && body.substring(0, op).matches("[A-Za-z_][A-Za-z0-9_]*")) {
        String v = parameters.apply(body.substring(0, op));
        return v == null ? String.join(" ", expand(body.substring(op + 1), line, false)) : v;
      }
      if (!body.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9#?@*$]")) {
        throw ShellStop.failure(2, line, "${" + body + "}: this parameter expansion is not supported by the built-in shell");
      }
      String v = parameters.apply(body);
      return v == null ? "" : v;
    }
    if (Character.isDigit(c) || "?#@*$!".indexOf(c) >= 0) {
      end[0] = i + 2;
      String v = parameters.apply(String.valueOf(c));
      return v == null ? "" : v;
    }
    if (Character.isLetter(c) || c == '_') {
      int j = i + 1;
      while (j < n && (Character.isLetterOrDigit(w.charAt(j)) || w.charAt(j) == '_')) j++;
      end[0] = j;
      String v = parameters.apply(w.substring(i + 1, j));
      return v == null ? "" : v;
    }
    end[0] = i + 1;
    return "$";
  }
}
