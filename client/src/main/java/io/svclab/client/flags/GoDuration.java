package io.svclab.client.flags;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations as Kubernetes writes them: parsed as Go's time.ParseDuration reads flags ({@code 40s},
 * {@code 500ms}, {@code 1m30s}), printed as Go's Duration.String prints them in messages
 * ({@code back-off 1m20s}, {@code 5m0s}).
 */
public final class GoDuration implements ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    Matcher m = PART.matcher(value);
    int at = 0;
    double millis = 0;
    while (m.find() && m.start() == at) {
      double n = Double.parseDouble(m.group(1));
      millis += switch (m.group(2)) {
        case "ms" -> n;
        case "s" -> n * 1_000;
        case "m" -> n * 60_000;
        default -> n * 3_600_000;
      };
      at = m.end();
    }
    if (at == 0 || at != value.length()) {
      throw new TypeConversionException("time: invalid duration \"" + value + "\"");
    }
    return Duration.ofMillis(Math.round(millis));
  }

  /**
   * Go's {@code Duration.String()}: {@code 0s}, {@code 1.5µs}, {@code 500ms}, {@code 1.5s},
   * {@code 1m20s}, {@code 1h0m0s} (flags, log lines, and a metav1.Duration's JSON).
   */
  public static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    String sign = nanos < 0 ? "-" : "";
    long n = Math.abs(nanos);
    if (n < 1_000_000_000L) {
      String[] units = {"ns", "µs", "ms"};
      int unit = n < 1_000 ? 0 : n < 1_000_000 ? 1 : 2;
      return sign + java.math.BigDecimal.valueOf(n).movePointLeft(unit * 3).stripTrailingZeros().toPlainString()
          + units[unit];
    }
    long hours = n / 3_600_000_000_000L;
    long minutes = n / 60_000_000_000L % 60;
    String seconds = java.math.BigDecimal.valueOf(n % 60_000_000_000L).movePointLeft(9).stripTrailingZeros()
        .toPlainString();
    StringBuilder out = new StringBuilder(sign);
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (hours > 0 || minutes > 0) {
      out.append(minutes).append('m');
    }
    return out.append(seconds).append('s').toString();
  }
}
