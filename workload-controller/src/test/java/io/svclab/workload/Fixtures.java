package io.svclab.workload;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentStrategy;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodTemplateSpec;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.RollingUpdateDeployment;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** Objects for the tables: small, named, and only as detailed as each test needs. */
public final class Fixtures {
  private Fixtures() {}

  public static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");

  public static Timestamp at(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).build();
  }

  public static Timestamp secondsAgo(long s) {
    return at(NOW.minusSeconds(s));
  }

  public static PodTemplateSpec template(String image) {
    PodTemplateSpec.Builder t = PodTemplateSpec.newBuilder();
    t.getMetadataBuilder().putLabels("app", "nginx");
    t.getSpecBuilder().addContainers(Container.newBuilder().setName("nginx").setImage(image));
    return t.build();
  }

  public static IntOrString intOrString(String v) {
    return v.endsWith("%") ? IntOrString.newBuilder().setName(v).build()
        : IntOrString.newBuilder().setNumber(Integer.parseInt(v)).build();
  }

  /** nginx-deployment, RollingUpdate with the given surge and unavailability. */
  public static Deployment deployment(int replicas, String maxSurge, String maxUnavailable) {
    Deployment.Builder d = Deployment.newBuilder();
    d.getMetadataBuilder().setName("nginx-deployment").setNamespace("default").setUid("d-uid").setGeneration(1);
    d.getSpecBuilder().setReplicas(replicas)
        .setSelector(LabelSelector.newBuilder().putMatchLabels("app", "nginx"))
        .setTemplate(template("nginx:1.25")).setRevisionHistoryLimit(10).setProgressDeadlineSeconds(600)
        .setStrategy(DeploymentStrategy.newBuilder().setType("RollingUpdate").setRollingUpdate(
            RollingUpdateDeployment.newBuilder().setMaxSurge(intOrString(maxSurge)).setMaxUnavailable(intOrString(maxUnavailable))));
    return d.build();
  }

  public static Deployment recreate(int replicas) {
    Deployment d = deployment(replicas, "0", "0");
    return d.toBuilder().setSpec(d.getSpec().toBuilder()
        .setStrategy(DeploymentStrategy.newBuilder().setType("Recreate"))).build();
  }

  /** A ReplicaSet with spec replicas, and available == ready == status replicas == {@code available}. */
  public static ReplicaSet rs(String name, int replicas, int available, long createdSecondsAgo) {
    ReplicaSet.Builder rs = ReplicaSet.newBuilder();
    rs.getMetadataBuilder().setName(name).setNamespace("default").setUid(name + "-uid")
        .setCreationTimestamp(secondsAgo(createdSecondsAgo)).setGeneration(1)
        .addOwnerReferences(OwnerReference.newBuilder().setKind("Deployment").setName("nginx-deployment")
            .setUid("d-uid").setController(true));
    rs.getSpecBuilder().setReplicas(replicas).setTemplate(template("nginx:" + name));
    rs.getStatusBuilder().setReplicas(Math.max(replicas, available)).setReadyReplicas(available)
        .setAvailableReplicas(available).setObservedGeneration(1);
    return rs.build();
  }

  public static ReplicaSet withStatus(ReplicaSet rs, int replicas, int ready, int available) {
    return rs.toBuilder().setStatus(rs.getStatus().toBuilder().setReplicas(replicas).setReadyReplicas(ready)
        .setAvailableReplicas(available)).build();
  }

  public static Pod pod(String name, UnaryOperator<Pod.Builder> edit) {
    Pod.Builder p = Pod.newBuilder();
    p.getMetadataBuilder().setName(name).setNamespace("default").setUid(name + "-uid")
        .setCreationTimestamp(secondsAgo(100)).putLabels("app", "nginx");
    p.getStatusBuilder().setPhase("Running");
    return edit.apply(p).build();
  }

  public static Pod.Builder ready(Pod.Builder p, long sinceSecondsAgo) {
    p.getStatusBuilder().addConditions(PodCondition.newBuilder().setType("Ready").setStatus("True")
        .setLastTransitionTime(secondsAgo(sinceSecondsAgo)));
    return p;
  }

  public static Pod.Builder notReady(Pod.Builder p) {
    p.getStatusBuilder().addConditions(PodCondition.newBuilder().setType("Ready").setStatus("False"));
    return p;
  }

  public static Pod.Builder on(Pod.Builder p, String node) {
    p.getSpecBuilder().setNodeName(node);
    return p;
  }

  public static Pod.Builder ownedBy(Pod.Builder p, String ownerUid) {
    p.getMetadataBuilder().addOwnerReferences(OwnerReference.newBuilder().setKind("ReplicaSet").setName("rs")
        .setUid(ownerUid).setController(true));
    return p;
  }

  public static Node node(String name, String ready, UnaryOperator<Node.Builder> edit) {
    Node.Builder n = Node.newBuilder();
    n.getMetadataBuilder().setName(name).setCreationTimestamp(secondsAgo(3600));
    if (ready != null) {
      n.getStatusBuilder().addConditions(NodeCondition.newBuilder().setType("Ready").setStatus(ready)
          .setReason("KubeletReady").setLastHeartbeatTime(secondsAgo(3600)));
    }
    return edit.apply(n).build();
  }
}
