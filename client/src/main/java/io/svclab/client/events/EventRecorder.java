package io.svclab.client.events;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventSource;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.ObjectReference;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.StatusText;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core/v1 Events about objects of one kind from one component, as client-go's recorder writes
 * them: named {@code <object>.<unix nanos in hex>}, and a repeat of the same event (same
 * object, type, reason, message) bumps {@code count} and {@code lastTimestamp} of the one
 * already written instead of creating another. Failing to record is logged, never fatal.
 */
public final class EventRecorder<T extends Message> {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private record Identity(String uid, String type, String reason, String message) {}

  private final ResourceClient<Event> events;
  private final ResourceKind<T> kind;
  private final String component;
  private final Clock clock;
  private final Consumer<String> onWrite;
  private final Map<Identity, Event> written = new ConcurrentHashMap<>();

  /**
   * @param onWrite told "create" or "update" after each write (for the caller's metrics)
   */
  public EventRecorder(ResourceClient<Event> events, ResourceKind<T> kind, String component, Clock clock,
      Consumer<String> onWrite) {
    this.events = events;
    this.kind = kind;
    this.component = component;
    this.clock = clock;
    this.onWrite = onWrite;
  }

  public String component() { return component; }

  public void normal(T obj, String reason, String message) {
    record(obj, "Normal", reason, message);
  }

  public void warning(T obj, String reason, String message) {
    record(obj, "Warning", reason, message);
  }

  private void record(T obj, String type, String reason, String message) {
    ObjectMeta meta = kind.meta(obj);
    Identity id = new Identity(meta.getUid(), type, reason, message);
    Instant now = clock.instant();
    Timestamp ts = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).build();
    try {
      Event previous = written.get(id);
      Event event;
      if (previous != null) {
        try {
          event = events.update(previous.toBuilder().setCount(previous.getCount() + 1).setLastTimestamp(ts).build());
        } catch (StatusRuntimeException e) {
          event = events.create(fresh(meta, type, reason, message, now, ts)); // gone or changed: start over
        }
      } else {
        event = events.create(fresh(meta, type, reason, message, now, ts));
      }
      written.put(id, event);
      onWrite.accept(previous == null ? "create" : "update");
      // The first occurrence is news; its repetitions (a failing probe every period) are routine.
      if (event.getCount() <= 1) {
        log.info("{}: event {} {} on {} {}/{}: {}", component, type, reason, kind.kind(), meta.getNamespace(),
            meta.getName(), message);
      } else {
        log.debug("{}: event {} {} on {} {}/{}: {} (count {})", component, type, reason, kind.kind(),
            meta.getNamespace(), meta.getName(), message, event.getCount());
      }
    } catch (StatusRuntimeException e) {
      log.warn("{}: could not record event {} on {} {}/{}: {}", component, reason, kind.kind(), meta.getNamespace(),
          meta.getName(), StatusText.of(e));
    }
  }

  /** Forgets events of an object that is gone, so the map does not grow forever. */
  public void forget(String uid) {
    written.keySet().removeIf(id -> id.uid().equals(uid));
  }

  private Event fresh(ObjectMeta meta, String type, String reason, String message, Instant now, Timestamp ts) {
    Event.Builder e = Event.newBuilder().setType(type).setReason(reason).setMessage(message).setCount(1)
        .setFirstTimestamp(ts).setLastTimestamp(ts)
        .setSource(EventSource.newBuilder().setComponent(component))
        .setReportingComponent(component)
        .setInvolvedObject(ObjectReference.newBuilder().setKind(kind.kind()).setApiVersion(kind.apiVersion())
            .setNamespace(meta.getNamespace()).setName(meta.getName()).setUid(meta.getUid())
            .setResourceVersion(meta.getResourceVersion()));
    e.getMetadataBuilder().setNamespace(meta.getNamespace())
        .setName(meta.getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()));
    return e.build();
  }
}
