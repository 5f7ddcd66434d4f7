package io.svclab.cloudlb.events;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventSource;
import io.svclab.api.v1.ObjectReference;
import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core/v1 Events about Services from {@code service-controller}, as client-go's recorder
 * writes them: named {@code <service>.<unix nanos in hex>}; a repeat of the same event
 * (same Service uid, type, reason, message) bumps {@code count} and {@code lastTimestamp}
 * instead of creating another. Failing to record is logged, never fatal.
 */
public final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);
  public static final String COMPONENT = "service-controller";

  private record Identity(String uid, String type, String reason, String message) {}

  private final ResourceClient<Event> events;
  private final Clock clock;
  private final Map<Identity, Event> written = new ConcurrentHashMap<>();

  public EventRecorder(ResourceClient<Event> events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  public void normal(Service svc, String reason, String message) {
    record(svc, "Normal", reason, message);
  }

  public void warning(Service svc, String reason, String message) {
    record(svc, "Warning", reason, message);
  }

  private void record(Service svc, String type, String reason, String message) {
    var meta = svc.getMetadata();
    Identity id = new Identity(meta.getUid(), type, reason, message);
    Instant now = clock.instant();
    Timestamp ts = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    try {
      Event previous = written.get(id);
      Event event;
      if (previous != null) {
        try {
          event = events.update(previous.toBuilder().setCount(previous.getCount() + 1).setLastTimestamp(ts).build());
        } catch (StatusRuntimeException e) {
          event = events.create(fresh(svc, type, reason, message, now, ts)); // gone or changed: start over
        }
      } else {
        event = events.create(fresh(svc, type, reason, message, now, ts));
      }
      written.put(id, event);
      log.info("{}: event {} {} on Service {}/{}: {} (count {})", COMPONENT, type, reason, meta.getNamespace(),
          meta.getName(), message, event.getCount());
    } catch (StatusRuntimeException e) {
      log.warn("{}: could not record event {} on Service {}/{}: {}", COMPONENT, reason, meta.getNamespace(),
          meta.getName(), e.getStatus());
    }
  }

  /** Forgets events of a Service that is gone, so the map does not grow forever. */
  public void forget(String uid) {
    written.keySet().removeIf(id -> id.uid().equals(uid));
  }

  private Event fresh(Service svc, String type, String reason, String message, Instant now, Timestamp ts) {
    var meta = svc.getMetadata();
    Event.Builder e = Event.newBuilder().setType(type).setReason(reason).setMessage(message).setCount(1)
        .setFirstTimestamp(ts).setLastTimestamp(ts)
        .setSource(EventSource.newBuilder().setComponent(COMPONENT))
        .setReportingComponent(COMPONENT)
        .setInvolvedObject(ObjectReference.newBuilder().setKind("Service").setApiVersion("v1")
            .setNamespace(meta.getNamespace()).setName(meta.getName()).setUid(meta.getUid())
            .setResourceVersion(meta.getResourceVersion()));
    e.getMetadataBuilder().setNamespace(meta.getNamespace())
        .setName(meta.getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()));
    return e.build();
  }
}
