package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SmapsRollupTest {
  static Stream<Arguments> rollups() {
    return Stream.of(
        Arguments.of("a JVM's rollup (Linux 6.x)", """
            55a4c8e3a000-7ffd5b7f1000 ---p 00000000 00:00 0                          [rollup]
            Rss:              182340 kB
            Pss:              121077 kB
            Pss_Dirty:        110021 kB
            Pss_Anon:         108900 kB
            Pss_File:          12177 kB
            Shared_Clean:      71408 kB
            Private_Dirty:    110012 kB
            Swap:                  0 kB
            SwapPss:               0 kB
            """, new SmapsRollup(182340, 121077)),
        Arguments.of("older kernel without the Pss_ breakdown", """
            00400000-7fff6a3b5000 ---p 00000000 00:00 0 [rollup]
            Rss:                 884 kB
            Pss:                 213 kB
            Shared_Clean:        700 kB
            """, new SmapsRollup(884, 213)),
        Arguments.of("Pss_Anon does not shadow Pss", "Pss_Anon: 1 kB\nRss: 10 kB\nPss: 9 kB\nPss_File: 2 kB\n",
            new SmapsRollup(10, 9)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rollups")
  void rssAndPssAreRead(String name, String text, SmapsRollup expected) {
    assertThat(SmapsRollup.parse(text)).isEqualTo(expected);
  }

  @Test
  void aRollupWithoutPssIsAnError() {
    assertThatThrownBy(() -> SmapsRollup.parse("Rss: 10 kB\n")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void thisProcessHasOne() throws Exception {
    SmapsRollup self = SmapsRollup.of(ProcessHandle.current().pid());
    assertThat(self.rssKib()).isPositive();
    assertThat(self.pssKib()).isPositive().isLessThanOrEqualTo(self.rssKib());
  }
}
