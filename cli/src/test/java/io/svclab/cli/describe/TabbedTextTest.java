package io.svclab.cli.describe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Go text/tabwriter's column blocks (minwidth 0, padding 2), the rules kubectl describe's alignment comes from. */
class TabbedTextTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("one block: every key padded to the longest plus two", "a:\t1\nlong key:\t2\n", "a:         1\nlong key:  2\n"),
        Arguments.of("a line without a tab ends the block", "a:\t1\nSection:\n  long key:\t2\n", "a:  1\nSection:\n  long key:  2\n"),
        Arguments.of("a second column aligns only over consecutive lines that have it",
            "Port:\t<unset>\t80/TCP\nTargetPort:\t80/TCP\nNodePort:\tn\t30080/TCP\n",
            "Port:        <unset>  80/TCP\nTargetPort:  80/TCP\nNodePort:    n  30080/TCP\n"),
        Arguments.of("the text after the last tab is never padded", "x\tyy\t\nxx\ty\t\n", "x   yy  \nxx  y   \n"),
        Arguments.of("widths count characters, not bytes", "é:\t1\nab:\t2\n", "é:   1\nab:  2\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void alignsAsGoTabwriter(String name, String in, String out) {
    assertThat(TabbedText.format(in)).isEqualTo(out);
  }
}
