package io.svclab.proxy.iptables;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * kube-proxy's computeProbability: {@code fmt.Sprintf("%0.10f", 1.0/float64(n))}, the chance
 * that rule i of n endpoints matches given the rules before it did not, so each endpoint gets
 * 1/n overall.
 */
final class Probability {
  private Probability() {}

  static String of(int n) {
    if (n < 1) throw new IllegalArgumentException("probability for " + n + " endpoints");
    // Go rounds the exact binary value of the double half-to-even; BigDecimal(double) is that exact value.
    return new BigDecimal(1.0 / n).setScale(10, RoundingMode.HALF_EVEN).toPlainString();
  }
}
