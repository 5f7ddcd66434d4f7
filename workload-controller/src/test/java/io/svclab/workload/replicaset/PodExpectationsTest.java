package io.svclab.workload.replicaset;

import static io.svclab.workload.Fixtures.NOW;
import static io.svclab.workload.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Pod;
import io.svclab.workload.MutableClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodExpectationsTest {
  static Stream<Arguments> cases() {
    Pod created = pod("web-1", p -> p);
    Pod terminating = pod("web-2", p -> { p.getMetadataBuilder().setDeletionTimestamp(io.svclab.workload.Fixtures.at(NOW)); return p; });
    return Stream.of(
        Arguments.of("create not in the cache yet", "create", "web-1", Map.of(), 0, false),
        Arguments.of("create seen", "create", "web-1", Map.of("web-1", created), 0, true),
        Arguments.of("delete not seen: pod still there", "delete", "web-1", Map.of("web-1", created), 0, false),
        Arguments.of("delete seen as terminating", "delete", "web-2", Map.of("web-2", terminating), 0, true),
        Arguments.of("delete seen as gone", "delete", "web-1", Map.of(), 0, true),
        Arguments.of("unmet expectations expire", "create", "web-1", Map.of(), 31, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void satisfied(String name, String op, String pod, Map<String, Pod> cache, int secondsLater, boolean expected) {
    MutableClock clock = new MutableClock(NOW);
    PodExpectations expectations = new PodExpectations(Duration.ofSeconds(30), clock);
    if (op.equals("create")) {
      expectations.expectCreate("default/web", pod);
    } else {
      expectations.expectDelete("default/web", pod);
    }
    clock.advance(Duration.ofSeconds(secondsLater));
    assertThat(expectations.satisfied("default/web", n -> Optional.ofNullable(cache.get(n)))).isEqualTo(expected);
  }
}
