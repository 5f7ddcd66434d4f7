package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpreadTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("odd count: the middle value", List.of(5.0, 1.0, 3.0), new Spread(3, 1.0, 3.0, 5.0)),
        Arguments.of("even count: the mean of the middle two", List.of(4.0, 1.0, 2.0, 10.0), new Spread(4, 1.0, 3.0, 10.0)),
        Arguments.of("one value", List.of(7.5), new Spread(1, 7.5, 7.5, 7.5)),
        Arguments.of("NaN (a failed run) is left out", List.of(2.0, Double.NaN, 4.0), new Spread(2, 2.0, 3.0, 4.0)),
        Arguments.of("nothing: NaN everywhere", List.of(), new Spread(0, Double.NaN, Double.NaN, Double.NaN)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void minMedianMax(String name, List<Double> values, Spread expected) {
    assertThat(Spread.of(values)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void formatsMinMedianMax() {
    assertThat(Spread.of(List.of(5.04, 1.0, 3.26)).format(2)).isEqualTo("1.00 / 3.26 / 5.04");
  }
}
