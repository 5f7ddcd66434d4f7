package io.svclab.proxy.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.ObjectMeta;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TriggerTimesTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("whole seconds", "2026-11-23T12:00:00Z", Optional.of(Instant.parse("2026-11-23T12:00:00Z"))),
        Arguments.of("RFC3339Nano fraction", "2026-11-23T12:00:00.123456789Z",
            Optional.of(Instant.parse("2026-11-23T12:00:00.123456789Z"))),
        Arguments.of("missing", null, Optional.empty()),
        Arguments.of("garbage", "yesterday", Optional.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parses(String name, String value, Optional<Instant> expected) {
    ObjectMeta.Builder meta = ObjectMeta.newBuilder().setName("s");
    if (value != null) meta.putAnnotations(TriggerTimes.ANNOTATION, value);
    assertThat(TriggerTimes.of(EndpointSlice.newBuilder().setMetadata(meta).build())).isEqualTo(expected);
  }
}
