package io.svclab.workload.scheduler;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.client.controller.Reconciler;
import io.svclab.client.controller.Result;
import io.svclab.client.informer.Informer;
import io.svclab.client.kube.MirrorPods;
import io.svclab.workload.ApiWriter;
import io.svclab.client.events.EventRecorder;
import io.svclab.workload.WellKnown;
import io.svclab.workload.WorkloadMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's reconcile, one pod per key: place it ({@link NodePlacement}) and bind it
 * by writing {@code spec.nodeName}, or leave it Pending with a FailedScheduling event and
 * a PodScheduled=False condition. Run with one worker: a binding is "assumed" until the
 * pod cache shows it, so the next pod's placement already counts it, as kube-scheduler's
 * assume cache does. As kube-scheduler's binding cycle, the write itself (and its Scheduled
 * Event) runs on {@code binder}, so the next pod is placed while earlier bindings are in
 * flight and the apiserver commits them together; a binding that fails is forgotten and its
 * pod placed again.
 */
public final class SchedulerSync implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(SchedulerSync.class);
  public static final String NAME = WellKnown.DEFAULT_SCHEDULER;
  /** Unschedulable pods are retried on every node change, and also this often. */
  static final Duration UNSCHEDULABLE_RETRY = Duration.ofSeconds(10);

  private final Informer<Pod> pods;
  private final Informer<Node> nodes;
  private final ApiWriter<Pod> podWriter;
  private final EventRecorder<Pod> events;
  private final WorkloadMetrics metrics;
  /** How soon a pod whose binding failed is placed again (its informer update usually comes first). */
  static final Duration BIND_RETRY = Duration.ofSeconds(1);

  private final Clock clock;
  private final Executor binder;
  /** Bindings written or being written that the pod cache does not show yet: the pod as bound. */
  private final Map<String, Pod> assumed = new ConcurrentHashMap<>();
  private volatile BiConsumer<String, Duration> requeue = (key, delay) -> {};

  public SchedulerSync(Informer<Pod> pods, Informer<Node> nodes, ApiWriter<Pod> podWriter, EventRecorder<Pod> events,
      WorkloadMetrics metrics, Clock clock, Executor binder) {
    this.pods = pods;
    this.nodes = nodes;
    this.podWriter = podWriter;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
    this.binder = binder;
  }

  /** Where a pod whose binding failed goes back to (the scheduler's controller queue). */
  public void requeueThrough(BiConsumer<String, Duration> requeue) {
    this.requeue = requeue;
  }

  /**
   * Ours to schedule: not bound, not going away, for the default scheduler, and not a mirror pod
   * (a process that already runs somewhere; the lab's control plane has no node to name).
   */
  public static boolean wantsScheduling(Pod pod) {
    String scheduler = pod.getSpec().getSchedulerName();
    return pod.getSpec().getNodeName().isEmpty() && !pod.getMetadata().hasDeletionTimestamp()
        && !MirrorPods.isMirror(pod)
        && (scheduler.isEmpty() || scheduler.equals(WellKnown.DEFAULT_SCHEDULER));
  }

  public static List<String> keysOf(Pod pod) {
    return wantsScheduling(pod) ? List.of(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName()) : List.of();
  }

  /** A node changed: every waiting pod may fit now. */
  public List<String> waitingPods() {
    return pods.list().stream().flatMap(p -> keysOf(p).stream()).toList();
  }

  /** The pod cache moved on: a binding it shows (or a pod it lost) is no longer assumed. */
  public void observed(Pod pod) {
    if (!pod.getSpec().getNodeName().isEmpty()) {
      assumed.remove(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
    }
  }

  public void gone(Pod pod) {
    assumed.remove(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
    events.forget(pod.getMetadata().getUid());
  }

  @Override
  public Result reconcile(String key) {
    Pod pod = pods.getByKey(key).orElse(null);
    if (pod == null || !wantsScheduling(pod) || assumed.containsKey(key)) {
      return Result.done();
    }
    Placement placement = NodePlacement.place(pod, nodes.list(), placedPods());
    if (placement instanceof Placement.Bind bind) {
      return bind(key, pod, bind.nodeName());
    }
    String message = ((Placement.Unschedulable) placement).message();
    metrics.scheduleAttempt("unschedulable");
    events.warning(pod, "FailedScheduling", message);
    markUnschedulable(pod, message);
    return Result.requeueAfter(UNSCHEDULABLE_RETRY);
  }

  private Result bind(String key, Pod pod, String nodeName) {
    Pod.Builder bound = pod.toBuilder();
    bound.getSpecBuilder().setNodeName(nodeName);
    Pod binding = bound.build();
    assumed.put(key, binding);
    binder.execute(() -> write(key, pod, binding, nodeName));
    return Result.done();
  }

  /** The binding cycle of one pod, off the scheduling worker. */
  private void write(String key, Pod pod, Pod binding, String nodeName) {
    try {
      podWriter.update(binding, "bound to node " + nodeName);
    } catch (RuntimeException e) {
      assumed.remove(key, binding);
      metrics.scheduleAttempt("error");
      if (e instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        // the apiserver refuses the binding itself: say so where users look, then back off
        log.warn("{}: binding {} to {} rejected: {}", NAME, key, nodeName, sre.getStatus().getDescription());
        events.warning(pod, "FailedScheduling", "Binding rejected: " + sre.getStatus().getDescription());
        requeue.accept(key, UNSCHEDULABLE_RETRY);
      } else {
        log.debug("{}: binding {} to {} failed: {}; placing it again", NAME, key, nodeName, e.toString());
        requeue.accept(key, BIND_RETRY);
      }
      return;
    }
    metrics.scheduleAttempt("scheduled");
    events.normal(pod, "Scheduled", "Successfully assigned " + key + " to " + nodeName);
  }

  /** Bound pods plus the assumed bindings the cache does not show yet. */
  private List<Pod> placedPods() {
    List<Pod> placed = new ArrayList<>();
    for (Pod p : pods.list()) {
      Pod bound = p.getSpec().getNodeName().isEmpty()
          ? assumed.get(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()) : p;
      // terminating pods count: they hold their node until they are gone
      if (bound != null && !"Succeeded".equals(p.getStatus().getPhase()) && !"Failed".equals(p.getStatus().getPhase())) {
        placed.add(bound);
      }
    }
    return placed;
  }

  /** PodScheduled=False, reason Unschedulable, as kube-scheduler reports it; written only when it changes. */
  private void markUnschedulable(Pod pod, String message) {
    boolean already = pod.getStatus().getConditionsList().stream().anyMatch(c -> c.getType().equals("PodScheduled")
        && c.getStatus().equals("False") && c.getReason().equals("Unschedulable") && c.getMessage().equals(message));
    if (already) {
      return;
    }
    PodCondition condition = PodCondition.newBuilder().setType("PodScheduled").setStatus("False")
        .setReason("Unschedulable").setMessage(message)
        .setLastTransitionTime(Timestamp.newBuilder().setSeconds(clock.instant().getEpochSecond())).build();
    Pod.Builder b = pod.toBuilder();
    List<PodCondition> others = pod.getStatus().getConditionsList().stream()
        .filter(c -> !c.getType().equals("PodScheduled")).toList();
    b.getStatusBuilder().clearConditions().addAllConditions(others).addConditions(condition);
    try {
      podWriter.updateStatus(b.build(), "PodScheduled=False: " + message);
    } catch (StatusRuntimeException e) {
      log.debug("{}: could not mark {} unschedulable: {}", NAME, pod.getMetadata().getName(), e.getStatus());
    }
  }
}
