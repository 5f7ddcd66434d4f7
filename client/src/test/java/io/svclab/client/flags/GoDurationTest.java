package io.svclab.client.flags;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("seconds", "40s", Duration.ofSeconds(40)),
        Arguments.of("milliseconds", "500ms", Duration.ofMillis(500)),
        Arguments.of("minutes and seconds", "1m30s", Duration.ofSeconds(90)),
        Arguments.of("fractional seconds", "1.5s", Duration.ofMillis(1500)),
        Arguments.of("hours", "1h", Duration.ofHours(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parses(String name, String text, Duration expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "rejects \"{0}\"")
  @ValueSource(strings = {"", "40", "s", "40x", "4s0"})
  void rejectsWithGoWording(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).hasMessage("time: invalid duration \"" + text + "\"");
  }

  /** Expected strings as Go's time.Duration.String() prints them (time/time.go). */
  static Stream<Arguments> printed() {
    return Stream.of(
        Arguments.of("zero", Duration.ZERO, "0s"),
        Arguments.of("under a second", Duration.ofMillis(500), "500ms"),
        Arguments.of("whole seconds", Duration.ofSeconds(10), "10s"),
        Arguments.of("fractional seconds", Duration.ofMillis(1500), "1.5s"),
        Arguments.of("a minute and more", Duration.ofSeconds(80), "1m20s"),
        Arguments.of("whole minutes keep 0s", Duration.ofMinutes(5), "5m0s"),
        Arguments.of("hours keep 0m0s", Duration.ofHours(1), "1h0m0s"),
        Arguments.of("negative", Duration.ofSeconds(-90), "-1m30s"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("printed")
  void printsAsGo(String name, Duration d, String expected) {
    assertThat(GoDuration.format(d)).isEqualTo(expected);
    if (!d.isNegative()) {
      assertThat(GoDuration.parse(expected)).isEqualTo(d);
    }
  }
}
