package io.svclab.client.leader;

import com.google.protobuf.Timestamp;
import java.time.Instant;

/** Protobuf timestamps to and from {@link Instant}. */
final class LeaseTimes {
  private LeaseTimes() {}

  static Timestamp toProto(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
