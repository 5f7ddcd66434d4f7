package io.svclab.workload.replicaset;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.ReplicaSetStatus;
import io.svclab.client.controller.Reconciler;
import io.svclab.client.controller.Result;
import io.svclab.client.informer.Informer;
import io.svclab.workload.ApiWriter;
import io.svclab.workload.Owners;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ReplicaSet controller's reconcile: its pods to {@code spec.replicas} (created from
 * the template with generateName and a controller reference, surplus deleted in
 * {@link ActivePodsOrder}), then its status. Decisions are {@link ReplicaSetScaler}'s.
 */
public final class ReplicaSetSync implements Reconciler {
  static final String NAME = "replicaset-controller";
  private static final Duration EXPECTATIONS_POLL = Duration.ofMillis(300);

  private final Informer<ReplicaSet> replicaSets;
  private final Informer<Pod> pods;
  private final ApiWriter<Pod> podWriter;
  private final ApiWriter<ReplicaSet> rsWriter;
  private final PodExpectations expectations;
  private final Clock clock;

  public ReplicaSetSync(Informer<ReplicaSet> replicaSets, Informer<Pod> pods, ApiWriter<Pod> podWriter,
      ApiWriter<ReplicaSet> rsWriter, PodExpectations expectations, Clock clock) {
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.podWriter = podWriter;
    this.rsWriter = rsWriter;
    this.expectations = expectations;
    this.clock = clock;
  }

  /** The ReplicaSet keys to reconcile when a pod changes: its controller's. */
  public static List<String> keysOf(Pod pod) {
    return Owners.controllerKey(pod.getMetadata(), "ReplicaSet");
  }

  @Override
  public Result reconcile(String key) {
    Optional<ReplicaSet> cached = replicaSets.getByKey(key);
    if (cached.isEmpty()) {
      expectations.forget(key);
      return Result.done(); // its pods are the garbage collector's
    }
    ReplicaSet rs = cached.get();
    String ns = rs.getMetadata().getNamespace();
    List<Pod> active = pods.byOwner(rs.getMetadata().getUid()).stream()
        .filter(p -> Owners.isControlledBy(p.getMetadata(), rs.getMetadata().getUid()))
        .filter(PodReadiness::isActive).toList();
    boolean settled = expectations.satisfied(key, name -> pods.get(ns, name));
    if (settled && !rs.getMetadata().hasDeletionTimestamp()) {
      manage(key, rs, active);
    }
    Instant now = clock.instant();
    ReplicaSetStatus status = ReplicaSetStatuses.of(rs, active, now);
    if (!status.equals(rs.getStatus())) {
      rsWriter.updateStatus(rs.toBuilder().setStatus(status).build(), "replicas " + status.getReplicas()
          + ", ready " + status.getReadyReplicas() + ", available " + status.getAvailableReplicas());
    }
    if (!settled) {
      return Result.requeueAfter(EXPECTATIONS_POLL);
    }
    return ReplicaSetStatuses.nextAvailability(rs, active, now)
        .map(at -> Result.requeueAfter(Duration.between(now, at).plusMillis(100)))
        .orElse(Result.done());
  }

  private void manage(String key, ReplicaSet rs, List<Pod> active) {
    int desired = rs.getSpec().getReplicas();
    ReplicaSetScaler.Plan plan = ReplicaSetScaler.plan(desired, active);
    for (int i = 0; i < plan.create(); i++) {
      Pod created = podWriter.create(podFor(rs), "replicaset " + key + " has " + (active.size() + i) + " of " + desired);
      expectations.expectCreate(key, created.getMetadata().getName());
    }
    for (Pod pod : plan.delete()) {
      expectations.expectDelete(key, pod.getMetadata().getName());
      try {
        podWriter.delete(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), pod.getMetadata().getUid(),
            "replicaset " + key + " has " + active.size() + " of " + desired);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
  }

  /** A pod from the template, as Kubernetes' GetPodFromTemplate. */
  static Pod podFor(ReplicaSet rs) {
    var template = rs.getSpec().getTemplate();
    Pod.Builder pod = Pod.newBuilder().setSpec(template.getSpec());
    pod.getMetadataBuilder()
        .setGenerateName(rs.getMetadata().getName() + "-")
        .setNamespace(rs.getMetadata().getNamespace())
        .putAllLabels(template.getMetadata().getLabelsMap())
        .putAllAnnotations(template.getMetadata().getAnnotationsMap())
        .addOwnerReferences(OwnerReference.newBuilder().setApiVersion("apps/v1").setKind("ReplicaSet")
            .setName(rs.getMetadata().getName()).setUid(rs.getMetadata().getUid())
            .setController(true).setBlockOwnerDeletion(true));
    return pod.build();
  }
}
