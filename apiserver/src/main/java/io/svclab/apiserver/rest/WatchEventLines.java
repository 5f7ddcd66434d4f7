package io.svclab.apiserver.rest;

import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Watch event lines encoded once and shared: one write reaches every REST watch of its kind as the
 * same object instance (the watch cache's), and encoding it to Kubernetes JSON is the costly part,
 * so N watchers cost one encoding instead of N. A small table keyed by the object's identity and
 * the event type; a collision only costs a re-encoding.
 */
final class WatchEventLines {
  private static final int SLOTS = 256;

  private record Line(Message object, String type, byte[] bytes) {}

  private final AtomicReferenceArray<Line> slots = new AtomicReferenceArray<>(SLOTS);

  /** The UTF-8 line for {@code type} of {@code object}, from {@code encode} the first time it is asked for. */
  byte[] line(String type, Message object, Supplier<String> encode) {
    int slot = System.identityHashCode(object) & (SLOTS - 1);
    Line cached = slots.get(slot);
    if (cached != null && cached.object() == object && cached.type().equals(type)) {
      return cached.bytes();
    }
    byte[] bytes = encode.get().getBytes(StandardCharsets.UTF_8);
    slots.set(slot, new Line(object, type, bytes));
    return bytes;
  }
}
