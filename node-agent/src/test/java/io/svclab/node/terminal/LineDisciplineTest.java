package io.svclab.node.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.node.terminal.LineDiscipline.Input;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LineDisciplineTest {
  private static final Input END = new Input.End();
  private static final Input INTERRUPT = new Input.Interrupt();

  private static Input line(String s) {
    return new Input.Line(s);
  }

  static Stream<Arguments> typing() {
    return Stream.of(
        Arguments.of("tty: Enter is CR, echoed as CR LF", true, List.of("ls\r"), "ls\r\n", List.of(line("ls")), ""),
        Arguments.of("tty: a line typed in pieces", true, List.of("ec", "ho hi", "\r"), "echo hi\r\n",
            List.of(line("echo hi")), ""),
        Arguments.of("tty: backspace (DEL) erases one character", true, List.of("lx\u007fs\r"), "lx\b \bs\r\n",
            List.of(line("ls")), ""),
        Arguments.of("tty: backspace on an empty line echoes nothing", true, List.of("\u007f"), "", List.of(), ""),
        Arguments.of("tty: a multi-byte character is erased whole", true, List.of("é\u007f\r"), "é\b \b\r\n",
            List.of(line("")), ""),
        Arguments.of("tty: ^C discards the line and interrupts", true, List.of("sleep 9\u0003"), "sleep 9^C\r\n",
            List.of(INTERRUPT), ""),
        Arguments.of("tty: ^D on an empty line is the end", true, List.of("\u0004"), "", List.of(END), ""),
        Arguments.of("tty: ^D inside a line does nothing", true, List.of("ab\u0004"), "ab", List.of(), "ab"),
        Arguments.of("tty: ^U kills the line", true, List.of("abc\u0015"), "abc\b \b\b \b\b \b", List.of(), ""),
        Arguments.of("tty: an arrow key is dropped", true, List.of("a\u001b[Ab\r"), "ab\r\n", List.of(line("ab")), ""),
        Arguments.of("tty: an escape split across reads is still dropped", true, List.of("\u001b", "[", "D", "x"), "x",
            List.of(), "x"),
        Arguments.of("tty: two lines in one read", true, List.of("a\rb\r"), "a\r\nb\r\n", List.of(line("a"), line("b")),
            ""),
        Arguments.of("pipe: no echo, lines end at LF", false, List.of("echo a\necho b\nex"), "",
            List.of(line("echo a"), line("echo b")), "ex"),
        Arguments.of("pipe: control bytes are data", false, List.of("a\u0003\u0004\n"), "",
            List.of(line("a\u0003\u0004")), ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("typing")
  void echoesAndCompletesInput(String name, boolean tty, List<String> reads, String echo, List<Input> inputs,
      String unfinished) {
    LineDiscipline ld = LineDiscipline.of(tty);
    StringBuilder echoed = new StringBuilder();
    List<Input> got = new ArrayList<>();
    for (String r : reads) {
      LineDiscipline.Step step = ld.feed(r.getBytes(StandardCharsets.UTF_8));
      echoed.append(step.echoText());
      got.addAll(step.inputs());
      ld = step.next();
    }
    assertThat(echoed.toString()).isEqualTo(echo);
    assertThat(got).isEqualTo(inputs);
    assertThat(ld.unfinished()).isEqualTo(unfinished);
  }

  static Stream<Arguments> output() {
    return Stream.of(
        Arguments.of("tty: ONLCR", true, "a\nb\n", "a\r\nb\r\n"),
        Arguments.of("tty: CR LF stays CR LF", true, "a\r\n", "a\r\n"),
        Arguments.of("pipe: untouched", false, "a\nb\n", "a\nb\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("output")
  void displaysOutput(String name, boolean tty, String out, String shown) {
    assertThat(new String(LineDiscipline.of(tty).display(out), StandardCharsets.UTF_8)).isEqualTo(shown);
  }
}
