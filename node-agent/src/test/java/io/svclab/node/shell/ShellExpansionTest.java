package io.svclab.node.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellExpansionTest {
  static final Map<String, String> PARAMETERS = Map.of("HOME", "/root", "EMPTY", "", "SPACED", "a  b", "?", "3",
      "1", "first");
  /** Substitutions answer with their script in brackets, so a test sees what ran. */
  static final ShellExpansion EXPANSION = new ShellExpansion(PARAMETERS::get, (script, line) -> "[" + script + "]");

  static Stream<Arguments> words() {
    return Stream.of(
        Arguments.of("a plain word", "abc", true, List.of("abc")),
        Arguments.of("single quotes keep dollars", "'$HOME'", true, List.of("$HOME")),
        Arguments.of("double quotes expand", "\"$HOME/x\"", true, List.of("/root/x")),
        Arguments.of("a name ends at the first non-name character", "$HOME.d", true, List.of("/root.d")),
        Arguments.of("braces delimit a name", "${HOME}x", true, List.of("/rootx")),
        Arguments.of(":- takes the default for an empty value", "${EMPTY:-dflt}", true, List.of("dflt")),
        Arguments.of(":- takes the default for an unset name", "${NOPE:-dflt}", true, List.of("dflt")),
        Arguments.of("- keeps an empty value", "\"${EMPTY-dflt}\"", true, List.of("")),
        Arguments.of("- takes the default for an unset name", "${NOPE-dflt}", true, List.of("dflt")),
        Arguments.of("an unquoted value splits into fields", "$SPACED", true, List.of("a", "b")),
        Arguments.of("a quoted value stays one field", "\"$SPACED\"", true, List.of("a  b")),
        Arguments.of("no splitting where the shell does not split (assignments)", "$SPACED", false, List.of("a  b")),
        Arguments.of("an unset unquoted parameter vanishes", "$NOPE", true, List.of()),
        Arguments.of("empty quotes stay an empty field", "\"\"", true, List.of("")),
        Arguments.of("the last status", "$?", true, List.of("3")),
        Arguments.of("a positional parameter", "$1", true, List.of("first")),
        Arguments.of("command substitution", "\"$(hostname -i)\"", true, List.of("[hostname -i]")),
        Arguments.of("backquotes", "x`date`", true, List.of("x[date]")),
        Arguments.of("a backslash escapes a blank", "a\\ b", true, List.of("a b")),
        Arguments.of("a backslash in double quotes escapes only $ ` \" \\", "\"\\$HOME \\n\"", true, List.of("$HOME \\n")),
        Arguments.of("a lone dollar stays", "$", true, List.of("$")),
        Arguments.of("a dollar before a non-name stays", "a$-", true, List.of("a$-")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("words")
  void expands(String name, String word, boolean split, List<String> fields) {
    assertThat(EXPANSION.expand(word, 1, split)).isEqualTo(fields);
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of("arithmetic", "$((1+2))", "sh: 4: arithmetic expansion $((...)) is not supported by the built-in shell"),
        Arguments.of("string length", "${#HOME}", "sh: 4: ${#HOME}: this parameter expansion is not supported by the built-in shell"),
        Arguments.of("suffix removal", "${HOME%/*}", "sh: 4: ${HOME%/*}: this parameter expansion is not supported by the built-in shell"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unsupported")
  void failsTheScript(String name, String word, String message) {
    assertThatThrownBy(() -> EXPANSION.expand(word, 4, true)).isInstanceOfSatisfying(ShellStop.class,
        s -> assertThat(s.outcome).isEqualTo(new ShellOutcome.Failed(2, message)));
  }
}
