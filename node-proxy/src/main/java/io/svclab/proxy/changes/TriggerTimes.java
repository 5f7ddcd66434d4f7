package io.svclab.proxy.changes;

import io.svclab.api.v1.EndpointSlice;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads endpoints.kubernetes.io/last-change-trigger-time (RFC3339, UTC) off a slice. Pure. */
public final class TriggerTimes {
  public static final String ANNOTATION = "endpoints.kubernetes.io/last-change-trigger-time";

  private TriggerTimes() {}

  public static Optional<Instant> of(EndpointSlice slice) {
    String value = slice.getMetadata().getAnnotationsMap().get(ANNOTATION);
    if (value == null || value.isEmpty()) return Optional.empty();
    try {
      return Optional.of(Instant.parse(value));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
