package io.svclab.workload.deployment;

import static io.svclab.workload.Fixtures.intOrString;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FencepostsTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("defaults 25%/25% of 4", "25%", "25%", 4, 1, 1),
        Arguments.of("25% of 2: surge rounds up, unavailable down", "25%", "25%", 2, 1, 0),
        Arguments.of("25% of 10", "25%", "25%", 10, 3, 2),
        Arguments.of("absolute numbers", "2", "1", 10, 2, 1),
        Arguments.of("both zero: one may be unavailable", "0", "0", 3, 0, 1),
        Arguments.of("0% and 0% of 3 resolve to zero, then one unavailable", "0%", "0%", 3, 0, 1),
        Arguments.of("100% surge", "100%", "0", 3, 3, 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void resolves(String name, String surge, String unavailable, int replicas, int expectedSurge, int expectedUnavailable) {
    assertThat(Fenceposts.resolve(intOrString(surge), intOrString(unavailable), replicas))
        .isEqualTo(new Fenceposts(expectedSurge, expectedUnavailable));
  }
}
