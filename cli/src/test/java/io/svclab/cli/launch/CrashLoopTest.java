package io.svclab.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CrashLoopTest {
  /** Exits at these times (ms), then the report of the last one at its own time. */
  record Case(long[] exitsAt, long expectedBackoff, String expectedReport) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(named("a first exit: half a second, no count", new Case(new long[] {1_000}, 500,
            "dns-server exited (code 1); restarting in 0.5 s; its last log line: bind: address in use"))),
        Arguments.of(named("a second exit: doubled, and counted", new Case(new long[] {1_000, 2_000}, 1_000,
            "dns-server exited (code 1), 2 times in 1 s; restarting in 1 s; its last log line: bind: address in use"))),
        Arguments.of(named("a crash loop: the count and the span grow", new Case(new long[] {0, 1_000, 3_000, 7_000, 15_000}, 8_000,
            "dns-server exited (code 1), 5 times in 15 s; restarting in 8 s; its last log line: bind: address in use"))),
        Arguments.of(named("the back-off stops at 30 s", new Case(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 30_000,
            "dns-server exited (code 1), 10 times in 1 s; restarting in 30 s; its last log line: bind: address in use"))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void backsOffAndSaysHowOften(Case c) {
    CrashLoop loop = CrashLoop.NONE;
    for (long at : c.exitsAt()) {
      loop = loop.exited(at);
    }
    long last = c.exitsAt()[c.exitsAt().length - 1];
    assertThat(loop.backoffMillis()).isEqualTo(c.expectedBackoff());
    assertThat(loop.report("dns-server", 1, last, Optional.of("bind: address in use  "))).isEqualTo(c.expectedReport());
  }

  @Test
  void aMinuteOfRunningForgetsEarlierExits() {
    CrashLoop loop = CrashLoop.NONE.exited(0).exited(1_000);
    assertThat(loop.running(2_000, 30_000)).isEqualTo(loop);
    assertThat(loop.running(2_000, 62_001)).isEqualTo(CrashLoop.NONE);
    assertThat(loop.running(2_000, 62_001).exited(70_000).backoffMillis()).isEqualTo(500);
  }

  @Test
  void anEmptyLogSaysNothingAboutIt() {
    assertThat(CrashLoop.NONE.exited(0).report("apiserver", 137, 0, Optional.empty()))
        .isEqualTo("apiserver exited (code 137); restarting in 0.5 s");
  }
}
