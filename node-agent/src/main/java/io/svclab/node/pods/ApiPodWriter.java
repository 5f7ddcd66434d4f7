package io.svclab.node.pods;

import io.svclab.client.resource.StatusText;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventSource;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.ObjectReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Preconditions;
import io.svclab.client.resource.ResourceClient;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes pod statuses, deletes and Events from one thread. Statuses are coalesced per pod
 * (the latest wins) and sent unconditionally through UpdateStatus (no resourceVersion: the
 * agent owns the status); a pod's finish (final status, then Delete with grace 0) runs after
 * its earlier status writes. Repeated Events (same pod, reason, message) bump a count.
 */
public final class ApiPodWriter implements PodApi, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiPodWriter.class);

  private record Op(Pod pod, PodStatus status, boolean finish) {}

  private record EventOp(Pod pod, String fieldPath, String type, String reason, String message) {}

  private record Recorded(Event event, int count) {}

  private final ResourceClient<Pod> pods;
  private final ResourceClient<Event> events;
  private final String nodeName;
  private final Clock clock;
  private final LinkedHashMap<String, Op> pending = new LinkedHashMap<>();
  private final java.util.ArrayDeque<EventOp> pendingEvents = new java.util.ArrayDeque<>();
  private final Map<String, Recorded> recorded = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean running = true;

  public ApiPodWriter(ResourceClient<Pod> pods, ResourceClient<Event> events, String nodeName, Clock clock) {
    this.pods = pods;
    this.events = events;
    this.nodeName = nodeName;
    this.clock = clock;
    this.thread = new Thread(this::loop, "pod-writer");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** A pod's Ready condition as last written, by uid: its changes are what a learner watches for. */
  private final Map<String, Boolean> lastReady = new ConcurrentHashMap<>();

  private void logReadiness(Pod pod, PodStatus status) {
    String uid = pod.getMetadata().getUid();
    var readyCondition = status.getConditionsList().stream().filter(c -> c.getType().equals("Ready")).findFirst();
    if (readyCondition.isEmpty()) {
      return;
    }
    boolean ready = readyCondition.get().getStatus().equals("True");
    Boolean before = lastReady.put(uid, ready);
    if (before == null ? ready : before != ready) {
      String why = readyCondition.get().getReason().isEmpty() ? "" : " (" + readyCondition.get().getReason() + ")";
      log.info("pod {}: {} on {} {}{}", key(pod), ready ? "Ready" : "not Ready", nodeName, status.getPodIp(),
          ready ? "" : why);
    }
    if (status.getPhase().equals("Succeeded") || status.getPhase().equals("Failed")) {
      lastReady.remove(uid);
    }
  }

  private static String key(Pod p) {
    return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
  }

  @Override
  public synchronized void updateStatus(Pod pod, PodStatus status) {
    Op old = pending.get(key(pod));
    if (old != null && old.finish()) return;
    pending.remove(key(pod));
    pending.put(key(pod), new Op(pod, status, false));
    notifyAll();
  }

  @Override
  public synchronized void finish(Pod pod, PodStatus status) {
    pending.remove(key(pod));
    pending.put(key(pod), new Op(pod, status, true));
    notifyAll();
  }

  @Override
  public synchronized void event(Pod pod, String fieldPath, String type, String reason, String message) {
    pendingEvents.add(new EventOp(pod, fieldPath, type, reason, message));
    notifyAll();
  }

  private void loop() {
    while (running) {
      Op op = null;
      EventOp ev = null;
      synchronized (this) {
        while (running && pending.isEmpty() && pendingEvents.isEmpty()) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
        }
        if (!pendingEvents.isEmpty()) {
          ev = pendingEvents.poll();
        } else if (!pending.isEmpty()) {
          var it = pending.entrySet().iterator();
          op = it.next().getValue();
          it.remove();
        }
      }
      try {
        if (ev != null) writeEvent(ev);
        if (op != null) write(op);
      } catch (RuntimeException e) {
        log.warn("write failed: {}", e.toString());
      }
    }
  }

  private void write(Op op) {
    Pod pod = op.pod();
    String k = key(pod);
    try {
      Pod out = Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(pod.getMetadata().getName())
          .setNamespace(pod.getMetadata().getNamespace()).setUid(pod.getMetadata().getUid())).setStatus(op.status()).build();
      pods.updateStatus(out);
      logReadiness(pod, op.status());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return;
      }
      log.warn("{}: status update failed: {}; retrying", k, StatusText.of(e));
      retryLater(op);
      return;
    }
    if (op.finish()) {
      try {
        pods.delete(DeleteRequest.newBuilder().setNamespace(pod.getMetadata().getNamespace())
            .setName(pod.getMetadata().getName()).setGracePeriodSeconds(0)
            .setPreconditions(Preconditions.newBuilder().setUid(pod.getMetadata().getUid())).build());
        log.info("{}: deleted (containers stopped, grace period 0)", k);
        lastReady.remove(pod.getMetadata().getUid());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          log.warn("{}: delete failed: {}; retrying", k, StatusText.of(e));
          retryLater(op);
        }
      }
    }
  }

  private void retryLater(Op op) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        pending.putIfAbsent(key(op.pod()), op);
        notifyAll();
      }
    });
    t.setDaemon(true);
    t.start();
  }

  private void writeEvent(EventOp e) {
    Pod pod = e.pod();
    String dedupe = pod.getMetadata().getUid() + "|" + e.fieldPath() + "|" + e.reason() + "|" + e.message();
    Instant now = clock.instant();
    Timestamp ts = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    Recorded previous = recorded.get(dedupe);
    try {
      if (previous != null) {
        Event updated = previous.event().toBuilder().setCount(previous.count() + 1).setLastTimestamp(ts)
            .setMetadata(previous.event().getMetadata().toBuilder().clearResourceVersion()).build();
        recorded.put(dedupe, new Recorded(events.update(updated), previous.count() + 1));
        return;
      }
      String name = pod.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli() * 1_000_000L
          + ThreadLocalRandom.current().nextInt(1_000_000));
      Event event = Event.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace(pod.getMetadata().getNamespace()))
          .setInvolvedObject(ObjectReference.newBuilder().setKind("Pod").setApiVersion("v1")
              .setNamespace(pod.getMetadata().getNamespace()).setName(pod.getMetadata().getName())
              .setUid(pod.getMetadata().getUid()).setFieldPath(e.fieldPath()))
          .setReason(e.reason()).setMessage(e.message()).setType(e.type())
          .setSource(EventSource.newBuilder().setComponent("kubelet").setHost(nodeName))
          .setFirstTimestamp(ts).setLastTimestamp(ts).setCount(1)
          .setReportingComponent("kubelet").setReportingInstance(nodeName).build();
      recorded.put(dedupe, new Recorded(events.create(event), 1));
    } catch (StatusRuntimeException ex) {
      log.warn("{}/{}: event {} not recorded: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          e.reason(), StatusText.of(ex));
      recorded.remove(dedupe);
    }
  }

  /** Forgets a pod's Event counts once it is gone. */
  public void forget(String uid) {
    recorded.keySet().removeIf(k -> k.startsWith(uid + "|"));
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
