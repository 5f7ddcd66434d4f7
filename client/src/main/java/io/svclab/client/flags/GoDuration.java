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

  /** Go's {@code Duration.String()} to millisecond precision: {@code 0s}, {@code 500ms}, {@code 1.5s}, {@code 1m20s}, {@code 1h0m0s}. */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    String sign = ms < 0 ? "-" : "";
    ms = Math.abs(ms);
    if (ms < 1000) {
      return sign + ms + "ms";
    }
    long h = ms / 3_600_000;
    long m = ms / 60_000 % 60;
    long wholeSeconds = ms / 1000 % 60;
    long fraction = ms % 1000;
    String seconds = fraction == 0 ? Long.toString(wholeSeconds)
        : (wholeSeconds + "." + String.format(java.util.Locale.ROOT, "%03d", fraction)).replaceAll("0+$", "");
    if (h > 0) {
      return sign + h + "h" + m + "m" + seconds + "s";
    }
    return sign + (m > 0 ? m + "m" : "") + seconds + "s";
  }
}
