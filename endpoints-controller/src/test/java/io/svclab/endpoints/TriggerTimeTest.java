package io.svclab.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TriggerTimeTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "whole seconds have no fraction, 2024-05-01T10:00:00Z, 2024-05-01T10:00:00Z",
      "trailing zeros are trimmed, 2024-05-01T10:00:00.500Z, 2024-05-01T10:00:00.5Z",
      "nanoseconds are kept, 2024-05-01T10:00:00.123456789Z, 2024-05-01T10:00:00.123456789Z"})
  void formatsLikeGoRfc3339Nano(String name, String instant, String expected) {
    assertThat(TriggerTime.format(Instant.parse(instant))).isEqualTo(expected);
  }
}
