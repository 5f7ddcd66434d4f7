package io.svclab.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class NodeProxyMainTest {
  static Stream<Arguments> durations() {
    return Stream.of(Arguments.of("100ms", Duration.ofMillis(100)), Arguments.of("1s", Duration.ofSeconds(1)),
        Arguments.of("1m30s", Duration.ofSeconds(90)), Arguments.of("2h", Duration.ofHours(2)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void parsesGoDurations(String text, Duration expected) {
    assertThat(new NodeProxyMain.DurationConverter().convert(text)).isEqualTo(expected);
  }

  @Test
  void rejectsBadDurations() {
    assertThatThrownBy(() -> new NodeProxyMain.DurationConverter().convert("100"))
        .isInstanceOf(CommandLine.TypeConversionException.class);
    assertThatThrownBy(() -> new NodeProxyMain.DurationConverter().convert("1sx"))
        .isInstanceOf(CommandLine.TypeConversionException.class);
  }

  @Test
  void defaultsMatchKubeProxy() {
    NodeProxyMain main = new NodeProxyMain();
    new CommandLine(main).parseArgs();
    assertThat(main.healthzPort).isEqualTo(10256);
    assertThat(main.metricsPort).isEqualTo(10249);
    assertThat(main.minSyncPeriod).isEqualTo(Duration.ofMillis(100));
    assertThat(main.mode).isEqualTo("userspace");
  }
}
