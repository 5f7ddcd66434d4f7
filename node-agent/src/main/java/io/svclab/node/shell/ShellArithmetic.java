package io.svclab.node.shell;

import java.util.function.Function;

/**
 * {@code $((...))}: integers with {@code + - * / %}, comparisons ({@code < <= > >= == !=}),
 * {@code && ||}, parentheses, unary minus and {@code !}; bare names read variables (unset or
 * empty is 0), as POSIX arithmetic does. Assignment operators are not supported.
 */
final class ShellArithmetic {
  private final String s;
  private final Function<String, String> parameters;
  private final int line;
  private int pos;

  private ShellArithmetic(String s, Function<String, String> parameters, int line) {
    this.s = s;
    this.parameters = parameters;
    this.line = line;
  }

  static long evaluate(String expr, Function<String, String> parameters, int line) {
    ShellArithmetic a = new ShellArithmetic(expr, parameters, line);
    long v = a.or();
    a.blanks();
    if (a.pos < expr.length()) throw a.error();
    return v;
  }

  private ShellStop error() {
    return ShellStop.failure(2, line, "arithmetic expression: expecting primary: \"" + s.strip() + "\"");
  }

  private void blanks() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
  }

  private boolean eat(String op) {
    blanks();
    if (s.startsWith(op, pos)) {
      pos += op.length();
      return true;
    }
    return false;
  }

  private long or() {
    long v = and();
    while (eat("||")) v = (and() != 0 || v != 0) ? 1 : 0;
    return v;
  }

  private long and() {
    long v = comparison();
    while (eat("&&")) v = (comparison() != 0 && v != 0) ? 1 : 0;
    return v;
  }

  private long comparison() {
    long v = sum();
    while (true) {
      if (eat("==")) v = v == sum() ? 1 : 0;
      else if (eat("!=")) v = v != sum() ? 1 : 0;
      else if (eat("<=")) v = v <= sum() ? 1 : 0;
      else if (eat(">=")) v = v >= sum() ? 1 : 0;
      else if (eat("<")) v = v < sum() ? 1 : 0;
      else if (eat(">")) v = v > sum() ? 1 : 0;
      else return v;
    }
  }

  private long sum() {
    long v = product();
    while (true) {
      if (eat("+")) v += product();
      else if (eat("-")) v -= product();
      else return v;
    }
  }

  private long product() {
    long v = unary();
    while (true) {
      if (eat("*")) {
        v *= unary();
      } else if (eat("/") || eat("%")) {
        boolean div = s.charAt(pos - 1) == '/';
        long d = unary();
        if (d == 0) throw ShellStop.failure(2, line, "arithmetic expression: division by zero: \"" + s.strip() + "\"");
        v = div ? v / d : v % d;
      } else {
        return v;
      }
    }
  }

  private long unary() {
    if (eat("-")) return -unary();
    if (eat("+")) return unary();
    if (eat("!")) return unary() == 0 ? 1 : 0;
    if (eat("(")) {
      long v = or();
      if (!eat(")")) throw error();
      return v;
    }
    blanks();
    int start = pos;
    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
    String tok = s.substring(start, pos);
    if (tok.isEmpty()) throw error();
    if (tok.matches("\\d+")) return Long.parseLong(tok);
    if (!tok.matches("[A-Za-z_][A-Za-z0-9_]*")) throw error();
    String v = parameters.apply(tok);
    if (v == null || v.isBlank()) return 0;
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw ShellStop.failure(2, line, "Illegal number: " + v);
    }
  }
}
