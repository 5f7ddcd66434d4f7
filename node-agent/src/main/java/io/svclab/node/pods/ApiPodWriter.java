package io.svclab.node.pods;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
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
import io.svclab.client.resource.StatusText;
import io.svclab.node.pods.PodWriteQueue.PodWrite;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes pod statuses, deletes and Events. Statuses are coalesced per pod (the latest wins)
 * and sent unconditionally through UpdateStatus (no resourceVersion: the agent owns the
 * status); many pods' writes are in flight at once ({@link PodWriteQueue}: one per pod, in
 * order, up to {@link #MAX_IN_FLIGHT}), so the apiserver commits them together instead of a
 * round trip and a commit each; a pod's finish (final status, then Delete with grace 0) runs
 * after its earlier status writes. Statuses go before Events, as kubelet's status manager and
 * event recorder are independent: a pod's Ready never waits behind the Events of other pods.
 * Events go out one at a time beside them (a repeat, same pod, reason and message, bumps the
 * count of the one written before). One thread dispatches; the calls complete on gRPC's threads.
 */
public final class ApiPodWriter implements PodApi, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ApiPodWriter.class);

  /**
   * Status writes in flight per node agent: enough for the apiserver to commit a batch per
   * fsync at a burst of pod starts (measured: {@code ./lab bench pods}), few enough that one
   * agent does not queue hundreds of calls ahead of everyone else's.
   */
  static final int MAX_IN_FLIGHT = 32;

  private record EventOp(Pod pod, String fieldPath, String type, String reason, String message) {}

  private record Recorded(Event event, int count) {}

  private final ResourceClient<Pod> pods;
  private final ResourceClient<Event> events;
  private final String nodeName;
  private final Clock clock;
  private final PodWriteQueue queue = new PodWriteQueue(MAX_IN_FLIGHT);
  private final java.util.ArrayDeque<EventOp> pendingEvents = new java.util.ArrayDeque<>();
  private boolean eventInFlight;
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
    queue.offer(new PodWrite(pod, status, false));
    notifyAll();
  }

  @Override
  public synchronized void finish(Pod pod, PodStatus status) {
    queue.offer(new PodWrite(pod, status, true));
    notifyAll();
  }

  @Override
  public synchronized void event(Pod pod, String fieldPath, String type, String reason, String message) {
    pendingEvents.add(new EventOp(pod, fieldPath, type, reason, message));
    notifyAll();
  }

  /** Sends what may go out now, statuses first, then sleeps until something is queued or comes back. */
  private void loop() {
    while (running) {
      List<PodWrite> writes = new ArrayList<>();
      EventOp ev = null;
      synchronized (this) {
        for (Optional<PodWrite> w = queue.next(); w.isPresent(); w = queue.next()) {
          writes.add(w.get());
        }
        if (!eventInFlight && !pendingEvents.isEmpty()) {  // one at a time, beside the statuses
          ev = pendingEvents.poll();
          eventInFlight = true;
        }
        if (writes.isEmpty() && ev == null) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
          continue;
        }
      }
      writes.forEach(this::write);
      if (ev != null) {
        writeEvent(ev);
      }
    }
  }

  private synchronized void writeDone(PodWrite w) {
    queue.done(w);
    notifyAll();
  }

  private synchronized void eventDone() {
    eventInFlight = false;
    notifyAll();
  }

  private void write(PodWrite w) {
    Pod pod = w.pod();
    Pod out = Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(pod.getMetadata().getName())
        .setNamespace(pod.getMetadata().getNamespace()).setUid(pod.getMetadata().getUid())).setStatus(w.status()).build();
    whenDone(pods.updateStatusAsync(out), written -> {
      logReadiness(pod, w.status());
      if (w.finish()) {
        delete(w);
      } else {
        writeDone(w);
      }
    }, retryUnlessGone(w, "status update"));
  }

  private void delete(PodWrite w) {
    Pod pod = w.pod();
    whenDone(pods.deleteAsync(DeleteRequest.newBuilder().setNamespace(pod.getMetadata().getNamespace())
        .setName(pod.getMetadata().getName()).setGracePeriodSeconds(0)
        .setPreconditions(Preconditions.newBuilder().setUid(pod.getMetadata().getUid())).build()), deleted -> {
          log.info("{}: deleted (containers stopped, grace period 0)", w.key());
          lastReady.remove(pod.getMetadata().getUid());
          writeDone(w);
        }, retryUnlessGone(w, "delete"));
  }

  /** A failed write is tried again later, unless the pod is gone (NotFound): nothing left to write then. */
  private Consumer<StatusRuntimeException> retryUnlessGone(PodWrite w, String what) {
    return e -> {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        log.warn("{}: {} failed: {}; retrying", w.key(), what, StatusText.of(e));
        retryLater(w);
      }
      writeDone(w);
    };
  }

  /** Runs {@code ok} or {@code failed} when the call completes (on the call's thread: only bookkeeping there). */
  private static <T> void whenDone(ListenableFuture<T> call, Consumer<T> ok, Consumer<StatusRuntimeException> failed) {
    Futures.addCallback(call, new FutureCallback<T>() {
      @Override
      public void onSuccess(T result) {
        ok.accept(result);
      }

      @Override
      public void onFailure(Throwable t) {
        failed.accept(t instanceof StatusRuntimeException e ? e : Status.fromThrowable(t).asRuntimeException());
      }
    }, MoreExecutors.directExecutor());
  }

  private void retryLater(PodWrite w) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(1000);
      } catch (InterruptedException e) {
        return;
      }
      synchronized (this) {
        queue.retry(w);
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
    ListenableFuture<Event> call;
    int count;
    if (previous != null) {
      count = previous.count() + 1;
      call = events.updateAsync(previous.event().toBuilder().setCount(count).setLastTimestamp(ts)
          .setMetadata(previous.event().getMetadata().toBuilder().clearResourceVersion()).build());
    } else {
      count = 1;
      String name = pod.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli() * 1_000_000L
          + ThreadLocalRandom.current().nextInt(1_000_000));
      call = events.createAsync(Event.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace(pod.getMetadata().getNamespace()))
          .setInvolvedObject(ObjectReference.newBuilder().setKind("Pod").setApiVersion("v1")
              .setNamespace(pod.getMetadata().getNamespace()).setName(pod.getMetadata().getName())
              .setUid(pod.getMetadata().getUid()).setFieldPath(e.fieldPath()))
          .setReason(e.reason()).setMessage(e.message()).setType(e.type())
          .setSource(EventSource.newBuilder().setComponent("kubelet").setHost(nodeName))
          .setFirstTimestamp(ts).setLastTimestamp(ts).setCount(1)
          .setReportingComponent("kubelet").setReportingInstance(nodeName).build());
    }
    whenDone(call, written -> {
      recorded.put(dedupe, new Recorded(written, count));
      eventDone();
    }, ex -> {
      log.warn("{}/{}: event {} not recorded: {}", pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
          e.reason(), StatusText.of(ex));
      recorded.remove(dedupe);
      eventDone();
    });
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
