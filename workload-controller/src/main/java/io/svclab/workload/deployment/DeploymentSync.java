package io.svclab.workload.deployment;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentStatus;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.client.controller.Reconciler;
import io.svclab.client.controller.Result;
import io.svclab.client.informer.Informer;
import io.svclab.workload.ApiWriter;
import io.svclab.workload.Owners;
import io.svclab.workload.WellKnown;
import io.svclab.workload.deployment.RolloutStep.CreateNewReplicaSet;
import io.svclab.workload.deployment.RolloutStep.Scale;
import io.svclab.workload.deployment.RolloutStep.Scaling;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Deployment controller's reconcile: find or create the new ReplicaSet, take one
 * {@link RolloutPlanner} step, trim the revision history once the rollout is complete,
 * and write the status {@link DeploymentStatuses} computes. Only this class writes.
 */
public final class DeploymentSync implements Reconciler {
  static final String NAME = "deployment-controller";

  private final Informer<Deployment> deployments;
  private final Informer<ReplicaSet> replicaSets;
  private final Informer<Pod> pods;
  private final ApiWriter<Deployment> deploymentWriter;
  private final ApiWriter<ReplicaSet> rsWriter;
  private final Clock clock;

  public DeploymentSync(Informer<Deployment> deployments, Informer<ReplicaSet> replicaSets, Informer<Pod> pods,
      ApiWriter<Deployment> deploymentWriter, ApiWriter<ReplicaSet> rsWriter, Clock clock) {
    this.deployments = deployments;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.deploymentWriter = deploymentWriter;
    this.rsWriter = rsWriter;
    this.clock = clock;
  }

  /** Deployment keys for a ReplicaSet event: its controller's. */
  public static List<String> keysOf(ReplicaSet rs) {
    return Owners.controllerKey(rs.getMetadata(), "Deployment");
  }

  /** Deployment keys for a pod event (Recreate waits for old pods to go): its ReplicaSet's controller's. */
  public List<String> keysOf(Pod pod) {
    return Owners.controllerOf(pod.getMetadata()).filter(o -> o.getKind().equals("ReplicaSet"))
        .flatMap(o -> replicaSets.get(pod.getMetadata().getNamespace(), o.getName()))
        .map(DeploymentSync::keysOf).orElse(List.of());
  }

  @Override
  public Result reconcile(String key) {
    Optional<Deployment> cached = deployments.getByKey(key);
    if (cached.isEmpty() || cached.get().getMetadata().hasDeletionTimestamp()) {
      return Result.done(); // its ReplicaSets are the garbage collector's
    }
    Deployment d = cached.get();
    Instant now = clock.instant();
    List<ReplicaSet> owned = replicaSets.byOwner(d.getMetadata().getUid()).stream()
        .filter(rs -> ReplicaSetTemplates.isControlledBy(rs, d)).toList();
    Optional<ReplicaSet> found = ReplicaSetTemplates.findNew(d, owned);
    String newUid = found.map(rs -> rs.getMetadata().getUid()).orElse("");
    List<ReplicaSet> oldRss = owned.stream().filter(rs -> !rs.getMetadata().getUid().equals(newUid)).toList();
    Optional<ReplicaSet> newRs = found;
    long nextRevision = Revisions.max(oldRss) + 1;
    DeploymentStatus.Builder base = d.getStatus().toBuilder();

    if (newRs.isPresent()) {
      newRs = Optional.of(syncRevision(newRs.get(), nextRevision));
      if (DeploymentConditions.find(base, DeploymentConditions.PROGRESSING).isEmpty()
          && d.getSpec().hasProgressDeadlineSeconds()) {
        DeploymentConditions.set(base, DeploymentConditions.of(DeploymentConditions.PROGRESSING, true,
            DeploymentConditions.FOUND_NEW_REPLICA_SET,
            "Found new replica set \"" + newRs.get().getMetadata().getName() + "\"", now));
      }
    }
    RolloutStep step = RolloutPlanner.plan(d, newRs, oldRss, oldPodsRunning(oldRss));
    List<ReplicaSet> all = new ArrayList<>(oldRss);
    if (step instanceof CreateNewReplicaSet create) {
      ReplicaSet rs = ReplicaSetTemplates.newReplicaSet(d, create.replicas(), nextRevision);
      try {
        newRs = Optional.of(rsWriter.create(rs, "new template of deployment " + key + " (revision " + nextRevision + ")"));
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
          throw e;
        }
        return collision(d, rs.getMetadata().getName());
      }
      if (d.getSpec().hasProgressDeadlineSeconds()) {
        DeploymentConditions.set(base, DeploymentConditions.of(DeploymentConditions.PROGRESSING, true,
            DeploymentConditions.NEW_REPLICA_SET_CREATED,
            "Created new replica set \"" + newRs.get().getMetadata().getName() + "\"", now));
      }
    } else if (step instanceof Scale scale) {
      List<ReplicaSet> scaled = new ArrayList<>();
      for (Scaling s : scale.scalings()) {
        scaled.add(scale(d, s));
      }
      all = new ArrayList<>(replace(oldRss, scaled));
      if (newRs.isPresent()) {
        newRs = Optional.of(replace(List.of(newRs.get()), scaled).get(0));
      }
    }
    newRs.ifPresent(all::add);

    Deployment withBase = d.toBuilder().setStatus(base).build();
    DeploymentStatus status = DeploymentStatuses.next(withBase, newRs, all, now);
    if (step instanceof RolloutStep.Steady && DeploymentStatuses.isComplete(d, status)) {
      for (ReplicaSet old : Revisions.beyondHistoryLimit(d, oldRss)) {
        rsWriter.delete(old.getMetadata().getNamespace(), old.getMetadata().getName(), old.getMetadata().getUid(),
            "beyond revisionHistoryLimit " + d.getSpec().getRevisionHistoryLimit() + " of deployment " + key);
      }
    }
    if (!status.equals(d.getStatus())) {
      deploymentWriter.updateStatus(d.toBuilder().setStatus(status).build(), "replicas " + status.getReplicas()
          + ", updated " + status.getUpdatedReplicas() + ", ready " + status.getReadyReplicas()
          + ", available " + status.getAvailableReplicas());
    }
    if (d.getSpec().hasProgressDeadlineSeconds() && !DeploymentStatuses.isComplete(d, status)) {
      // the deadline passes without any event: look again then
      return Result.requeueAfter(Duration.ofSeconds(Math.max(1, d.getSpec().getProgressDeadlineSeconds())));
    }
    return Result.done();
  }

  private ReplicaSet scale(Deployment d, Scaling s) {
    ReplicaSet.Builder rs = s.replicaSet().toBuilder();
    rs.getSpecBuilder().setReplicas(s.replicas());
    rs.getMetadataBuilder()
        .putAnnotations(WellKnown.DESIRED_REPLICAS, Integer.toString(d.getSpec().getReplicas()))
        .putAnnotations(WellKnown.MAX_REPLICAS, Integer.toString(d.getSpec().getReplicas() + Fenceposts.of(d).maxSurge()));
    String direction = s.replicas() > s.from() ? "up" : "down";
    return rsWriter.update(rs.build(), "scaled " + direction + " from " + s.from() + " to " + s.replicas()
        + " for deployment " + d.getMetadata().getNamespace() + "/" + d.getMetadata().getName());
  }

  /** The new ReplicaSet carries the highest revision (a rollback to an old template bumps it). */
  private ReplicaSet syncRevision(ReplicaSet rs, long nextRevision) {
    if (Revisions.of(rs) >= nextRevision) {
      return rs;
    }
    ReplicaSet.Builder b = rs.toBuilder();
    b.getMetadataBuilder().putAnnotations(WellKnown.REVISION, Long.toString(nextRevision));
    return rsWriter.update(b.build(), "revision " + Revisions.of(rs) + " -> " + nextRevision);
  }

  /** Pods of old ReplicaSets that have not finished (terminating ones included): Recreate waits for none. */
  private int oldPodsRunning(List<ReplicaSet> oldRss) {
    int running = 0;
    for (ReplicaSet rs : oldRss) {
      running += (int) pods.byOwner(rs.getMetadata().getUid()).stream()
          .filter(p -> !"Succeeded".equals(p.getStatus().getPhase()) && !"Failed".equals(p.getStatus().getPhase()))
          .count();
    }
    return running;
  }

  /**
   * A ReplicaSet of the computed name exists but is not this template's: as Kubernetes,
   * count the collision in the status, which changes the hash, and try again.
   */
  private Result collision(Deployment d, String name) {
    ReplicaSet existing = rsWriter.get(d.getMetadata().getNamespace(), name);
    if (ReplicaSetTemplates.isControlledBy(existing, d) && ReplicaSetTemplates.matches(d, existing)) {
      return Result.requeue(); // ours, the cache has not shown it yet
    }
    int count = d.getStatus().hasCollisionCount() ? d.getStatus().getCollisionCount() + 1 : 1;
    deploymentWriter.updateStatus(d.toBuilder().setStatus(d.getStatus().toBuilder().setCollisionCount(count)).build(),
        "replicaset " + name + " exists with another template: collisionCount " + count);
    return Result.requeue();
  }

  private static List<ReplicaSet> replace(List<ReplicaSet> rss, List<ReplicaSet> updated) {
    return rss.stream().map(rs -> updated.stream()
        .filter(u -> u.getMetadata().getUid().equals(rs.getMetadata().getUid())).findFirst().orElse(rs)).toList();
  }
}
