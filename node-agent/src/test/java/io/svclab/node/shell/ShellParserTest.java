package io.svclab.node.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.node.shell.ShellSyntax.AndOr;
import io.svclab.node.shell.ShellSyntax.For;
import io.svclab.node.shell.ShellSyntax.Group;
import io.svclab.node.shell.ShellSyntax.If;
import io.svclab.node.shell.ShellSyntax.Loop;
import io.svclab.node.shell.ShellSyntax.Pipeline;
import io.svclab.node.shell.ShellSyntax.Script;
import io.svclab.node.shell.ShellSyntax.Simple;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellParserTest {
  /** The tree as a compact string: [a b] simple, | pipe, && ||, ; between items, and keyword forms. */
  static String show(Script s) {
    return s.items().stream().map(ShellParserTest::show).collect(Collectors.joining("; "));
  }

  static String show(AndOr a) {
    StringBuilder b = new StringBuilder(show(a.pipelines().get(0)));
    for (int i = 1; i < a.pipelines().size(); i++) b.append(' ').append(a.connectors().get(i - 1)).append(' ').append(show(a.pipelines().get(i)));
    return b.toString();
  }

  static String show(Pipeline p) {
    return (p.negated() ? "! " : "") + p.commands().stream().map(c -> {
      if (c instanceof Simple s) return "[" + String.join(" ", s.words()) + (s.redirects().isEmpty() ? "" : " " + s.redirects()) + "]";
      if (c instanceof If f) return "if(" + f.conditions().stream().map(ShellParserTest::show).toList() + " then "
          + f.bodies().stream().map(ShellParserTest::show).toList() + (f.elseBody() == null ? "" : " else " + show(f.elseBody())) + ")";
      if (c instanceof For f) return "for(" + f.name() + " in " + f.words() + ": " + show(f.body()) + ")";
      if (c instanceof Loop l) return (l.until() ? "until(" : "while(") + show(l.condition()) + ": " + show(l.body()) + ")";
      Group g = (Group) c;
      return (g.subshell() ? "(" : "{") + show(g.body()) + (g.subshell() ? ")" : "}");
    }).collect(Collectors.joining(" | "));
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        Arguments.of("sequence", "a; b\nc", "[a]; [b]; [c]"),
        Arguments.of("and-or", "a && b || c", "[a] && [b] || [c]"),
        Arguments.of("pipeline", "a | b x | c", "[a] | [b x] | [c]"),
        Arguments.of("newline after a pipe continues", "a |\n b", "[a] | [b]"),
        Arguments.of("negation", "! a | b", "! [a] | [b]"),
        Arguments.of("seed 002's loop", "for i in {1..5}; do curl -s backend-service | grep \"Backend Pod\"; done",
            "for(i in [{1..5}]: [curl -s backend-service] | [grep \"Backend Pod\"])"),
        Arguments.of("for over $@", "for a; do echo $a; done", "for(a in null: [echo $a])"),
        Arguments.of("for on several lines", "for x in a b\ndo\n echo $x\ndone", "for(x in [a, b]: [echo $x])"),
        Arguments.of("while", "while true; do a; done", "while([true]: [a])"),
        Arguments.of("until", "until false; do a; done", "until([false]: [a])"),
        Arguments.of("if elif else", "if a; then b; elif c; then d; else e; fi", "if([[a], [c]] then [[b], [d]] else [e])"),
        Arguments.of("keywords as arguments are words", "echo done fi then", "[echo done fi then]"),
        Arguments.of("a loop in a pipeline", "for i in 1 2; do echo $i; done | wc -l", "for(i in [1, 2]: [echo $i]) | [wc -l]"),
        Arguments.of("brace group and subshell", "{ a; b; } && (c)", "{[a]; [b]} && ([c])"),
        Arguments.of("redirections stay with their command", "a > /f 2>&1", "[a [Redirect[op=>, target=/f], Redirect[op=2>&1, target=]]]"),
        Arguments.of("nested loops", "for a in 1; do for b in 2; do echo $a$b; done; done",
            "for(a in [1]: for(b in [2]: [echo $a$b]))"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void parses(String name, String script, String tree) {
    assertThat(show(ShellParser.parse(ShellLexer.lex(script)))).isEqualTo(tree);
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("if without fi", "if true; then echo", "1: Syntax error: end of file unexpected (expecting \"fi\")"),
        Arguments.of("done without do", "for i in 1; echo; done", "1: Syntax error: \"echo\" unexpected (expecting \"do\")"),
        Arguments.of("a dangling pipe", "a |", "1: Syntax error: end of file unexpected"),
        Arguments.of("a leading semicolon", "; a", "1: Syntax error: \";\" unexpected"),
        Arguments.of("a stray fi", "fi", "1: Syntax error: \"fi\" unexpected"),
        Arguments.of("background jobs", "a &", "unsupported shell syntax '&' on line 1 (the built-in shell has no background jobs)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refuses(String name, String script, String message) {
    assertThatThrownBy(() -> ShellParser.parse(ShellLexer.lex(script))).isInstanceOf(ShellSyntaxError.class).hasMessage(message);
  }
}
