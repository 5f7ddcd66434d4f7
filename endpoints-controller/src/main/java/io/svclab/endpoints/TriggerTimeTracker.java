package io.svclab.endpoints;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.Service;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' TriggerTimeTracker: the time of the change a sync publishes, for the
 * last-change-trigger-time annotation (network programming latency is measured from it).
 * It is the earliest trigger time that changed since the Service's previous sync (a pod's
 * Ready transition, or the Service's creation); a Service seen for the first time uses
 * its creation time. Empty when nothing it can date changed (a pod deletion, say).
 *
 * <p>Safe for concurrent calls on different Services; the controller never syncs one
 * Service twice at once, which is all the per-Service state needs.
 */
public final class TriggerTimeTracker {
  private record State(Map<String, Instant> podTimes, Instant serviceTime) {}

  private final Map<String, State> states = new ConcurrentHashMap<>();

  /** @param pods the pods the Service selects, as the sync sees them */
  public Optional<Instant> compute(Service service, List<Pod> pods) {
    String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    State previous = states.get(key);
    Instant earliestChanged = null;
    Map<String, Instant> podTimes = new HashMap<>();
    for (Pod pod : pods) {
      Optional<Instant> time = podTriggerTime(pod);
      if (time.isEmpty()) continue;
      String name = pod.getMetadata().getName();
      podTimes.put(name, time.get());
      Instant before = previous == null ? null : previous.podTimes().get(name);
      if (before == null || time.get().isAfter(before)) earliestChanged = earliest(earliestChanged, time.get());
    }
    Instant serviceTime = toInstant(service.getMetadata().getCreationTimestamp());
    if (previous != null && serviceTime.isAfter(previous.serviceTime())) {
      earliestChanged = earliest(earliestChanged, serviceTime);
    }
    states.put(key, new State(podTimes, serviceTime));
    if (previous == null) return Optional.of(serviceTime).filter(t -> !t.equals(Instant.EPOCH));
    return Optional.ofNullable(earliestChanged);
  }

  /** The Service is gone: a recreated one starts over from its own creation time. */
  public void forget(String namespace, String name) {
    states.remove(namespace + "/" + name);
  }

  /**
   * The Ready condition's last transition, as Kubernetes. Fallback for a pod without one
   * (just created, no status yet): its creation time, so that its arrival is dated too.
   */
  static Optional<Instant> podTriggerTime(Pod pod) {
    for (PodCondition condition : pod.getStatus().getConditionsList()) {
      if ("Ready".equals(condition.getType()) && condition.hasLastTransitionTime()) {
        return Optional.of(toInstant(condition.getLastTransitionTime()));
      }
    }
    Instant created = toInstant(pod.getMetadata().getCreationTimestamp());
    return created.equals(Instant.EPOCH) ? Optional.empty() : Optional.of(created);
  }

  private static Instant earliest(Instant current, Instant candidate) {
    return current == null || candidate.isBefore(current) ? candidate : current;
  }

  private static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
