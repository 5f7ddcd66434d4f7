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
        Arguments.of("arithmetic with precedence and parentheses", "$(( (1+2)*3 - 4/2 ))", true, List.of("7")),
        Arguments.of("arithmetic reads variables by bare name", "$((HOME_COUNT+1))", true, List.of("1")),
        Arguments.of("arithmetic comparison", "$((2 < 3))", true, List.of("1")),
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

  static Stream<Arguments> braceWords() {
    return Stream.of(
        Arguments.of("numeric range", "{1..5}", List.of("1", "2", "3", "4", "5")),
        Arguments.of("descending range", "{3..1}", List.of("3", "2", "1")),
        Arguments.of("range with a step", "{0..10..5}", List.of("0", "5", "10")),
        Arguments.of("letter range", "{a..c}", List.of("a", "b", "c")),
        Arguments.of("list with prefix and suffix", "x{a,b}y", List.of("xay", "xby")),
        Arguments.of("two braces multiply", "{a,b}{1,2}", List.of("a1", "a2", "b1", "b2")),
        Arguments.of("quoted braces stay", "'{1..3}'", List.of("'{1..3}'")),
        Arguments.of("a single item is no brace expression", "{a}", List.of("{a}")),
        Arguments.of("a parameter's braces are not expanded", "${X:-a,b}", List.of("${X:-a,b}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("braceWords")
  void expandsBraces(String name, String word, List<String> words) {
    assertThat(ShellExpansion.braces(word)).isEqualTo(words);
  }

  static Stream<Arguments> unsupported() {
    return Stream.of(
        Arguments.of("arithmetic division by zero", "$((1/0))", "sh: 4: arithmetic expression: division by zero: \"1/0\""),
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
