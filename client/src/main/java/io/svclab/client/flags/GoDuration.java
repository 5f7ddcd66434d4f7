package io.svclab.client.flags;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses flag durations the way Kubernetes' flags (Go's time.ParseDuration) read them: {@code 40s}, {@code 500ms}, {@code 1m30s}. */
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
}
