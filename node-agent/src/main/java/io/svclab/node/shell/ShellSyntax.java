package io.svclab.node.shell;

import java.util.List;

/** The tree the parser builds and the executor walks: lists of and-or lists of pipelines of commands. */
final class ShellSyntax {
  private ShellSyntax() {}

  record Redirect(String op, String target) {}

  /** Commands run one after another ({@code ;} or newline). */
  record Script(List<AndOr> items) {}

  /** Pipelines joined by {@code &&} / {@code ||} (connectors.get(i) joins pipeline i and i+1). */
  record AndOr(List<Pipeline> pipelines, List<String> connectors) {}

  /** Commands joined by {@code |}; {@code !} negates the status. */
  record Pipeline(boolean negated, List<Command> commands) {}

  sealed interface Command permits Simple, If, For, Loop, Group {}

  /** Words (unexpanded, quotes kept) and redirections. */
  record Simple(List<String> words, List<Redirect> redirects, int line) implements Command {}

  /** {@code if c1; then b1; elif c2; then b2; else e; fi}; elseBody may be null. */
  record If(List<Script> conditions, List<Script> bodies, Script elseBody) implements Command {}

  /** {@code for name in words; do body; done}; words null means {@code "$@"}. */
  record For(String name, List<String> words, Script body, int line) implements Command {}

  /** {@code while}/{@code until cond; do body; done}. */
  record Loop(boolean until, Script condition, Script body) implements Command {}

  /** {@code { list; }} or {@code ( list )} (a subshell: its variable changes stay inside). */
  record Group(Script body, boolean subshell) implements Command {}
}
