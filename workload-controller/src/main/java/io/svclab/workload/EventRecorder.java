package io.svclab.workload;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventSource;
import io.svclab.api.v1.ObjectReference;
import io.svclab.api.v1.Pod;
import io.svclab.client.resource.ResourceClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core/v1 Events about pods, as client-go's recorder writes them: named
 * {@code <object>.<unix nanos in hex>}, and a repeat of the same event (same object, type,
 * reason, message, source) bumps {@code count} and {@code lastTimestamp} of the one
 * already written instead of creating another. Failing to record is logged, never fatal.
 */
public final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private record Identity(String uid, String type, String reason, String message) {}

  private final ResourceClient<Event> events;
  private final String component;
  private final Clock clock;
  private final WorkloadMetrics metrics;
  private final Map<Identity, Event> written = new ConcurrentHashMap<>();

  public EventRecorder(ResourceClient<Event> events, String component, Clock clock, WorkloadMetrics metrics) {
    this.events = events;
    this.component = component;
    this.clock = clock;
    this.metrics = metrics;
  }

  public void normal(Pod pod, String reason, String message) {
    record(pod, "Normal", reason, message);
  }

  public void warning(Pod pod, String reason, String message) {
    record(pod, "Warning", reason, message);
  }

  private void record(Pod pod, String type, String reason, String message) {
    var meta = pod.getMetadata();
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
          event = events.create(fresh(pod, type, reason, message, now, ts)); // gone or changed: start over
        }
      } else {
        event = events.create(fresh(pod, type, reason, message, now, ts));
      }
      written.put(id, event);
      metrics.wrote(component, previous == null ? "create" : "update", "Event");
      log.info("{}: event {} {} on Pod {}/{}: {} (count {})", component, type, reason, meta.getNamespace(),
          meta.getName(), message, event.getCount());
    } catch (StatusRuntimeException e) {
      log.warn("{}: could not record event {} on Pod {}/{}: {}", component, reason, meta.getNamespace(),
          meta.getName(), e.getStatus());
    }
  }

  /** Forgets events of a pod that is gone, so the map does not grow forever. */
  public void forget(String podUid) {
    written.keySet().removeIf(id -> id.uid().equals(podUid));
  }

  private Event fresh(Pod pod, String type, String reason, String message, Instant now, Timestamp ts) {
    var meta = pod.getMetadata();
    Event.Builder e = Event.newBuilder().setType(type).setReason(reason).setMessage(message).setCount(1)
        .setFirstTimestamp(ts).setLastTimestamp(ts)
        .setSource(EventSource.newBuilder().setComponent(component))
        .setReportingComponent(component)
        .setInvolvedObject(ObjectReference.newBuilder().setKind("Pod").setApiVersion("v1")
            .setNamespace(meta.getNamespace()).setName(meta.getName()).setUid(meta.getUid())
            .setResourceVersion(meta.getResourceVersion()));
    e.getMetadataBuilder().setNamespace(meta.getNamespace())
        .setName(meta.getName() + "." + Long.toHexString(now.getEpochSecond() * 1_000_000_000L + now.getNano()));
    return e.build();
  }
}
