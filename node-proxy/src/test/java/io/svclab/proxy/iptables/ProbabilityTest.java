package io.svclab.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go's %0.10f of 1/n, as kube-proxy prints it in {@code --probability}. */
class ProbabilityTest {
  @ParameterizedTest(name = "1/{0} = {1}")
  @CsvSource({
      "1, 1.0000000000", "2, 0.5000000000", "3, 0.3333333333", "4, 0.2500000000", "6, 0.1666666667",
      "7, 0.1428571429", "9, 0.1111111111", "1000, 0.0010000000", "3000, 0.0003333333",
  })
  void tenDecimalsRounded(int n, String expected) {
    assertThat(Probability.of(n)).isEqualTo(expected);
  }

  @Test
  void noEndpointsHasNoProbability() {
    assertThatThrownBy(() -> Probability.of(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
