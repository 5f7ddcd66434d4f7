package io.svclab.endpoints;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The endpoints.kubernetes.io/last-change-trigger-time value. Kubernetes writes Go's
 * RFC3339Nano in UTC: whole seconds, then the fraction with trailing zeros trimmed (none at
 * all when it is zero), then "Z".
 */
public final class TriggerTime {
  private TriggerTime() {}

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  public static String format(Instant instant) {
    StringBuilder out = new StringBuilder(SECONDS.format(instant));
    int nanos = instant.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
      out.append('.').append(fraction);
    }
    return out.append('Z').toString();
  }
}
