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
}
