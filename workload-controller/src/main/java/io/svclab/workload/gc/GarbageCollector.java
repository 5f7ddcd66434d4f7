package io.svclab.workload.gc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.client.controller.Reconciler;
import io.svclab.client.controller.Result;
import io.svclab.client.informer.Informer;
import io.svclab.workload.ApiWriter;
import io.svclab.workload.WorkloadMetrics;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The garbage collector for the two ownership edges this process creates: ReplicaSets
 * owned by Deployments, Pods owned by ReplicaSets. Keys are {@code ReplicaSet:ns/name} or
 * {@code Pod:ns/name}. An owner missing from the cache is confirmed missing with a live
 * read before anything is deleted, since the owner's informer may simply be behind (as
 * Kubernetes' GC checks its "virtual" owners against the API).
 */
public final class GarbageCollector implements Reconciler {
  public static final String NAME = "garbage-collector";

  private final Informer<Deployment> deployments;
  private final Informer<ReplicaSet> replicaSets;
  private final Informer<Pod> pods;
  private final ApiWriter<Deployment> deploymentReader;
  private final ApiWriter<ReplicaSet> rsWriter;
  private final ApiWriter<Pod> podWriter;
  private final WorkloadMetrics metrics;

  public GarbageCollector(Informer<Deployment> deployments, Informer<ReplicaSet> replicaSets, Informer<Pod> pods,
      ApiWriter<Deployment> deploymentReader, ApiWriter<ReplicaSet> rsWriter, ApiWriter<Pod> podWriter,
      WorkloadMetrics metrics) {
    this.deployments = deployments;
    this.replicaSets = replicaSets;
    this.pods = pods;
    this.deploymentReader = deploymentReader;
    this.rsWriter = rsWriter;
    this.podWriter = podWriter;
    this.metrics = metrics;
  }

  public static List<String> keysOf(ReplicaSet rs) {
    return key("ReplicaSet", rs.getMetadata());
  }

  public static List<String> keysOf(Pod pod) {
    return key("Pod", pod.getMetadata());
  }

  /** An owner changed or went: its dependents are looked at. */
  public List<String> dependentsOf(Deployment d) {
    return replicaSets.byOwner(d.getMetadata().getUid()).stream().flatMap(rs -> keysOf(rs).stream()).toList();
  }

  public List<String> dependentsOf(ReplicaSet rs) {
    return pods.byOwner(rs.getMetadata().getUid()).stream().flatMap(p -> keysOf(p).stream()).toList();
  }

  public Set<String> allKeys() {
    Set<String> keys = new HashSet<>();
    replicaSets.list().forEach(rs -> keys.addAll(keysOf(rs)));
    pods.list().forEach(p -> keys.addAll(keysOf(p)));
    return keys;
  }

  private static List<String> key(String kind, ObjectMeta meta) {
    boolean owned = meta.getOwnerReferencesList().stream().anyMatch(o -> isTracked(o.getKind()));
    return owned ? List.of(kind + ":" + meta.getNamespace() + "/" + meta.getName()) : List.of();
  }

  private static boolean isTracked(String kind) {
    return kind.equals("Deployment") || kind.equals("ReplicaSet");
  }

  @Override
  public Result reconcile(String key) {
    int colon = key.indexOf(':');
    String kind = key.substring(0, colon);
    String objectKey = key.substring(colon + 1);
    if (kind.equals("ReplicaSet")) {
      replicaSets.getByKey(objectKey).ifPresent(rs -> collect(rs.getMetadata(), rsWriter,
          meta -> rs.toBuilder().setMetadata(meta).build()));
    } else {
      pods.getByKey(objectKey).ifPresent(p -> collect(p.getMetadata(), podWriter,
          meta -> p.toBuilder().setMetadata(meta).build()));
    }
    return Result.done();
  }

  private <T extends com.google.protobuf.Message> void collect(ObjectMeta meta, ApiWriter<T> writer,
      java.util.function.Function<ObjectMeta, T> withMeta) {
    if (meta.hasDeletionTimestamp()) {
      return;
    }
    // owners of kinds this process does not watch are never presumed gone
    List<OwnerReference> owners = meta.getOwnerReferencesList();
    Set<String> gone = new HashSet<>();
    for (OwnerReference owner : owners) {
      if (isTracked(owner.getKind()) && !exists(meta.getNamespace(), owner)) {
        gone.add(owner.getUid());
      }
    }
    OwnerVerdict verdict = OwnerVerdict.decide(owners, gone);
    String kind = writer == rsWriter ? "ReplicaSet" : "Pod";
    if (verdict instanceof OwnerVerdict.Delete d) {
      try {
        writer.delete(meta.getNamespace(), meta.getName(), meta.getUid(), "owner " + describe(d.goneOwners()) + " is gone");
        metrics.garbageCollected(kind);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND && e.getStatus().getCode() != Status.Code.ABORTED) {
          throw e;
        }
      }
    } else if (verdict instanceof OwnerVerdict.DropReferences r) {
      ObjectMeta.Builder m = meta.toBuilder().clearOwnerReferences();
      owners.stream().filter(o -> !gone.contains(o.getUid())).forEach(m::addOwnerReferences);
      writer.update(withMeta.apply(m.build()), "dropped references to gone owners " + describe(r.dangling()));
    }
  }

  private boolean exists(String namespace, OwnerReference owner) {
    Optional<String> cachedUid = owner.getKind().equals("Deployment")
        ? deployments.get(namespace, owner.getName()).map(d -> d.getMetadata().getUid())
        : replicaSets.get(namespace, owner.getName()).map(rs -> rs.getMetadata().getUid());
    if (cachedUid.isPresent() && cachedUid.get().equals(owner.getUid())) {
      return true;
    }
    try {
      String liveUid = owner.getKind().equals("Deployment")
          ? deploymentReader.get(namespace, owner.getName()).getMetadata().getUid()
          : rsWriter.get(namespace, owner.getName()).getMetadata().getUid();
      return liveUid.equals(owner.getUid());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  private static String describe(List<OwnerReference> owners) {
    return String.join(", ", owners.stream().map(o -> o.getKind() + " " + o.getName() + " (uid " + o.getUid() + ")").toList());
  }

}
