package io.svclab.node.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.node.shell.ShellLexer.Token;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ShellLexerTest {
  /** Tokens as {@code W text}, {@code O text}, {@code R text} (word, operator, redirection); a newline is {@code O \n}. */
  static List<String> tokens(String script) {
    return ShellLexer.lex(script).stream().map(t -> t.type().name().charAt(0) + " " + t.text()).toList();
  }

  static Stream<Arguments> scripts() {
    return Stream.of(
        Arguments.of("words split on blanks", "echo a  \tb", List.of("W echo", "W a", "W b")),
        Arguments.of("quotes keep blanks inside one word", "echo \"a b\" 'c d'", List.of("W echo", "W \"a b\"", "W 'c d'")),
        Arguments.of("quotes join with what touches them", "x=\"a b\"c", List.of("W x=\"a b\"c")),
        Arguments.of("and-or and sequence operators", "a && b || c; d", List.of("W a", "O &&", "W b", "O ||", "W c", "O ;", "W d")),
        Arguments.of("pipes, background and subshells are operators", "a | b & (c)",
            List.of("W a", "O |", "W b", "O &", "O (", "W c", "O )")),
        Arguments.of("a newline is an operator", "a\nb", List.of("W a", "O \n", "W b")),
        Arguments.of("comments vanish", "echo hi # a note\n", List.of("W echo", "W hi", "O \n")),
        Arguments.of("a hash inside a word is not a comment", "echo a#b", List.of("W echo", "W a#b")),
        Arguments.of("an escaped newline joins lines", "echo a \\\n b", List.of("W echo", "W a", "W b")),
        Arguments.of("redirections", "echo x > /f 2>&1", List.of("W echo", "W x", "R >", "W /f", "R 2>&1")),
        Arguments.of("append without a blank", "echo x >>/f", List.of("W echo", "W x", "R >>", "W /f")),
        Arguments.of("a digit inside a word is not a file descriptor", "echo a2>f", List.of("W echo", "W a2", "R >", "W f")),
        Arguments.of("stderr to a file", "cmd 2>/dev/null", List.of("W cmd", "R 2>", "W /dev/null")),
        Arguments.of("command substitution is one word", "echo $(hostname -i; date)", List.of("W echo", "W $(hostname -i; date)")),
        Arguments.of("backquotes are one word", "echo `date +%s`x", List.of("W echo", "W `date +%s`x")),
        Arguments.of("a braced parameter is one word", "echo ${X:-a b}", List.of("W echo", "W ${X:-a b}")),
        Arguments.of("substitution inside double quotes", "echo \"ip: $(hostname -i)\"", List.of("W echo", "W \"ip: $(hostname -i)\"")),
        Arguments.of("an empty script", "", List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void lexes(String name, String script, List<String> expected) {
    assertThat(tokens(script)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void countsLines(String name, String script, List<Integer> lines) {
    assertThat(ShellLexer.lex(script).stream().map(Token::line).toList()).isEqualTo(lines);
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of("one per newline", "a\nb\nc", List.of(1, 1, 2, 2, 3)),
        Arguments.of("escaped newlines count", "a \\\nb", List.of(1, 2)),
        Arguments.of("newlines inside quotes count for the next word", "echo 'x\ny'\nz", List.of(1, 1, 2, 3)));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("unterminated single quote", "echo 'a", "Syntax error: Unterminated quoted string"),
        Arguments.of("unterminated double quote", "echo \"a", "Syntax error: Unterminated quoted string"),
        Arguments.of("unterminated backquote", "echo `a", "Syntax error: EOF in backquote substitution"),
        Arguments.of("unclosed command substitution", "echo $(a", "Syntax error: end of file unexpected (expecting \")\")"),
        Arguments.of("unclosed brace", "echo ${a", "Syntax error: Missing '}'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void refuses(String name, String script, String message) {
    assertThatThrownBy(() -> ShellLexer.lex(script)).isInstanceOf(ShellSyntaxError.class).hasMessage(message);
  }
}
