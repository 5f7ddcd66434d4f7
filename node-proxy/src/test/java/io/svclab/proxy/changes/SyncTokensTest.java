package io.svclab.proxy.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SyncTokensTest {
  private static final long MS = 1_000_000;

  /**
   * @param syncsAtMs  when syncs are wanted (each starts after the wait the bucket asks for)
   * @param startsAtMs when they really start
   */
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("a Service and its slice 5 ms apart both sync at once", new long[] {0, 5}, new long[] {0, 5}),
        Arguments.of("a third sync right after the burst waits for a refilled token", new long[] {0, 5, 10},
            new long[] {0, 5, 100}),
        Arguments.of("a steady stream is held to one sync per interval", new long[] {0, 1, 2, 3, 4},
            new long[] {0, 1, 100, 200, 300}),
        Arguments.of("pairs 200 ms apart never wait", new long[] {0, 5, 200, 205, 400, 405},
            new long[] {0, 5, 200, 205, 400, 405}),
        Arguments.of("the bucket holds no more than two tokens after a quiet minute", new long[] {60_000, 60_001, 60_002},
            new long[] {60_000, 60_001, 60_100}));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void syncsStartWhenTheBucketAllows(String name, long[] wantedMs, long[] expectedStartMs) {
    SyncTokens tokens = new SyncTokens(Duration.ofMillis(100), SyncTokens.KUBE_PROXY_BURST, 0);
    long clock = 0;
    long[] starts = new long[wantedMs.length];
    for (int i = 0; i < wantedMs.length; i++) {
      clock = Math.max(clock, wantedMs[i] * MS);
      clock += tokens.waitNanos(clock);
      tokens.take(clock);
      starts[i] = Math.round(clock / (double) MS);
    }
    assertThat(starts).containsExactly(expectedStartMs);
  }

  @Test
  void noMinimumIntervalMeansNoLimit() {
    SyncTokens tokens = new SyncTokens(Duration.ZERO, SyncTokens.KUBE_PROXY_BURST, 0);
    for (int i = 0; i < 10; i++) {
      assertThat(tokens.waitNanos(i)).isZero();
      tokens.take(i);
    }
  }
}
