package io.svclab.workload.deployment;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.PodTemplateSpec;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.workload.WellKnown;
import java.util.List;
import java.util.Optional;

/** Which ReplicaSet is a Deployment's new one, and how a new one is built. */
public final class ReplicaSetTemplates {
  private ReplicaSetTemplates() {}

  /** EqualIgnoreHash: the pod templates are equal once the pod-template-hash label is set aside. */
  public static boolean matches(Deployment d, ReplicaSet rs) {
    return withoutHash(rs.getSpec().getTemplate()).equals(withoutHash(d.getSpec().getTemplate()));
  }

  /** FindNewReplicaSet: the oldest matching one, when several do (after a collision). */
  public static Optional<ReplicaSet> findNew(Deployment d, List<ReplicaSet> owned) {
    return owned.stream().filter(rs -> matches(d, rs)).min(RolloutPlanner.byCreation());
  }

  public static boolean isControlledBy(ReplicaSet rs, Deployment d) {
    return rs.getMetadata().getOwnerReferencesList().stream()
        .anyMatch(o -> o.getController() && o.getUid().equals(d.getMetadata().getUid()));
  }

  public static String hash(Deployment d) {
    Integer collisions = d.getStatus().hasCollisionCount() ? d.getStatus().getCollisionCount() : null;
    return PodTemplateHash.of(d.getSpec().getTemplate(), collisions);
  }

  /** The ReplicaSet Kubernetes creates for the Deployment's current template. */
  public static ReplicaSet newReplicaSet(Deployment d, int replicas, long revision) {
    String hash = hash(d);
    PodTemplateSpec.Builder template = d.getSpec().getTemplate().toBuilder();
    template.getMetadataBuilder().putLabels(WellKnown.POD_TEMPLATE_HASH, hash);
    LabelSelector selector = d.getSpec().getSelector().toBuilder().putMatchLabels(WellKnown.POD_TEMPLATE_HASH, hash).build();
    ReplicaSet.Builder rs = ReplicaSet.newBuilder();
    rs.getMetadataBuilder()
        .setName(d.getMetadata().getName() + "-" + hash)
        .setNamespace(d.getMetadata().getNamespace())
        .putAllLabels(template.getMetadata().getLabelsMap())
        .putAnnotations(WellKnown.REVISION, Long.toString(revision))
        .putAnnotations(WellKnown.DESIRED_REPLICAS, Integer.toString(d.getSpec().getReplicas()))
        .putAnnotations(WellKnown.MAX_REPLICAS,
            Integer.toString(d.getSpec().getReplicas() + Fenceposts.of(d).maxSurge()))
        .addOwnerReferences(controllerRef(d));
    rs.getSpecBuilder().setReplicas(replicas).setMinReadySeconds(d.getSpec().getMinReadySeconds())
        .setSelector(selector).setTemplate(template);
    return rs.build();
  }

  public static OwnerReference controllerRef(Deployment d) {
    return OwnerReference.newBuilder().setApiVersion("apps/v1").setKind("Deployment")
        .setName(d.getMetadata().getName()).setUid(d.getMetadata().getUid())
        .setController(true).setBlockOwnerDeletion(true).build();
  }

  private static PodTemplateSpec withoutHash(PodTemplateSpec t) {
    PodTemplateSpec.Builder b = t.toBuilder();
    b.getMetadataBuilder().removeLabels(WellKnown.POD_TEMPLATE_HASH);
    return b.build();
  }
}
