package io.svclab.apiserver.watch;

import com.google.protobuf.Message;
import io.svclab.api.v1.EventType;
import io.svclab.client.resource.ResourceKind;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One decoded change in the watch window. {@code object} is the new state (for DELETED, the
 * last state, stamped with the deletion's revision); {@code previous} the state before,
 * kept so selector-filtered watches can turn "left the selector" into DELETED.
 *
 * <p>{@link #encoded} keeps the wire forms made of this change, so a thousand watchers sending
 * it share one serialization instead of making a thousand.
 */
public record WatchEntry(long revision, ResourceKind<?> kind, EventType type, Message object, Message previous,
    ConcurrentHashMap<EncodingKey, Object> encodings) {

  /** One wire form of this change: as which event type, in which format (gRPC protobuf, JSON, ...). */
  public record EncodingKey(Object format, EventType type) {}

  public WatchEntry(long revision, ResourceKind<?> kind, EventType type, Message object, Message previous) {
    this(revision, kind, type, object, previous, new ConcurrentHashMap<>(2));
  }

  /**
   * This change sent as {@code as} in {@code format}: made by {@code encode} the first time it is
   * asked for, the same value after that. The entry lives as long as the window holds it.
   */
  @SuppressWarnings("unchecked")
  public <R> R encoded(Object format, EventType as, Supplier<R> encode) {
    EncodingKey key = new EncodingKey(format, as);
    Object known = encodings.get(key);
    if (known == null) {
      // two watchers racing may both encode; the first stored wins, both send equal bytes
      Object made = encode.get();
      known = encodings.putIfAbsent(key, made);
      if (known == null) {
        known = made;
      }
    }
    return (R) known;
  }
}
