package io.svclab.apiserver.rest.kubeproto;

import java.math.BigDecimal;

/** Go's {@code time.Duration.String()}, the JSON of a metav1.Duration: {@code 1h2m3.5s}, {@code 0s}. */
final class GoDuration {
  private GoDuration() {}

  static String format(long nanos) {
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long n = Math.abs(nanos);
    if (n < 1_000_000_000L) {
      String[] units = {"ns", "µs", "ms"};
      int unit = n < 1_000 ? 0 : n < 1_000_000 ? 1 : 2;
      BigDecimal value = BigDecimal.valueOf(n).movePointLeft(unit * 3).stripTrailingZeros();
      return sign + value.toPlainString() + units[unit];
    }
    long hours = n / 3_600_000_000_000L;
    long minutes = n / 60_000_000_000L % 60;
    BigDecimal seconds = BigDecimal.valueOf(n % 60_000_000_000L).movePointLeft(9).stripTrailingZeros();
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(seconds.toPlainString()).append('s').toString();
  }
}
