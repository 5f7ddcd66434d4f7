package io.svclab.client.tables;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentSpec;
import io.svclab.api.v1.DeploymentStatus;
import io.svclab.api.v1.LabelSelector;
import io.svclab.api.v1.LabelSelectorRequirement;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LeaseSpec;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.NamespaceStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodTemplateSpec;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.ReplicaSetSpec;
import io.svclab.api.v1.ReplicaSetStatus;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** kubectl's columns for ReplicaSets, Deployments (wide), Leases and Namespaces. */
class WorkloadTablesTest {
  static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");
  static final ObjectMeta.Builder META = ObjectMeta.newBuilder().setName("web-7d9f")
      .setCreationTimestamp(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 300));
  static final PodSpec TEMPLATE = PodSpec.newBuilder().addContainers(Container.newBuilder().setName("nginx").setImage("nginx:1.27"))
      .addContainers(Container.newBuilder().setName("log").setImage("busybox")).build();
  static final LabelSelector SELECTOR = LabelSelector.newBuilder().putMatchLabels("pod-template-hash", "7d9f")
      .putMatchLabels("app", "web").build();

  static ReplicaSet rs(Integer replicas, int current, int ready, LabelSelector selector) {
    ReplicaSetSpec.Builder spec = ReplicaSetSpec.newBuilder().setSelector(selector)
        .setTemplate(PodTemplateSpec.newBuilder().setSpec(TEMPLATE));
    if (replicas != null) {
      spec.setReplicas(replicas);
    }
    return ReplicaSet.newBuilder().setMetadata(META).setSpec(spec)
        .setStatus(ReplicaSetStatus.newBuilder().setReplicas(current).setReadyReplicas(ready)).build();
  }

  static Stream<Arguments> tables() {
    Deployment deployment = Deployment.newBuilder().setMetadata(META.clone().setName("web"))
        .setSpec(DeploymentSpec.newBuilder().setReplicas(3).setSelector(LabelSelector.newBuilder().putMatchLabels("app", "web"))
            .setTemplate(PodTemplateSpec.newBuilder().setSpec(TEMPLATE)))
        .setStatus(DeploymentStatus.newBuilder().setReadyReplicas(2).setUpdatedReplicas(3).setAvailableReplicas(2)).build();
    return Stream.of(
        Arguments.of("replicasets: desired, current, ready", ResourceKinds.REPLICA_SETS, rs(3, 3, 2, SELECTOR), false,
            List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE"), List.of("web-7d9f", "3", "3", "2", "5m")),
        Arguments.of("replicasets: scaled to zero", ResourceKinds.REPLICA_SETS, rs(0, 0, 0, SELECTOR), false,
            List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE"), List.of("web-7d9f", "0", "0", "0", "5m")),
        Arguments.of("replicasets: replicas unset is one", ResourceKinds.REPLICA_SETS, rs(null, 1, 1, SELECTOR), false,
            List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE"), List.of("web-7d9f", "1", "1", "1", "5m")),
        Arguments.of("replicasets -o wide: containers, images, sorted selector", ResourceKinds.REPLICA_SETS,
            rs(3, 3, 3, SELECTOR), true,
            List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"),
            List.of("web-7d9f", "3", "3", "3", "5m", "nginx,log", "nginx:1.27,busybox", "app=web,pod-template-hash=7d9f")),
        Arguments.of("replicasets -o wide: set-based selector", ResourceKinds.REPLICA_SETS,
            rs(1, 1, 1, LabelSelector.newBuilder().addMatchExpressions(LabelSelectorRequirement.newBuilder()
                .setKey("tier").setOperator("In").addValues("a").addValues("b")).build()), true,
            List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"),
            List.of("web-7d9f", "1", "1", "1", "5m", "nginx,log", "nginx:1.27,busybox", "tier in (a,b)")),
        Arguments.of("replicasets -o wide: empty selector is <none>", ResourceKinds.REPLICA_SETS,
            rs(1, 1, 1, LabelSelector.getDefaultInstance()), true,
            List.of("NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"),
            List.of("web-7d9f", "1", "1", "1", "5m", "nginx,log", "nginx:1.27,busybox", "<none>")),
        Arguments.of("deployments", ResourceKinds.DEPLOYMENTS, deployment, false,
            List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"), List.of("web", "2/3", "3", "2", "5m")),
        Arguments.of("deployments -o wide", ResourceKinds.DEPLOYMENTS, deployment, true,
            List.of("NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"),
            List.of("web", "2/3", "3", "2", "5m", "nginx,log", "nginx:1.27,busybox", "app=web")),
        Arguments.of("leases: holder", ResourceKinds.LEASES, Lease.newBuilder().setMetadata(META.clone().setName("node-1"))
            .setSpec(LeaseSpec.newBuilder().setHolderIdentity("node-1")).build(), false,
            List.of("NAME", "HOLDER", "AGE"), List.of("node-1", "node-1", "5m")),
        Arguments.of("leases: no holder is an empty cell", ResourceKinds.LEASES,
            Lease.newBuilder().setMetadata(META.clone().setName("free")).build(), false,
            List.of("NAME", "HOLDER", "AGE"), List.of("free", "", "5m")),
        Arguments.of("namespaces: status", ResourceKinds.NAMESPACES, Namespace.newBuilder().setMetadata(META.clone().setName("dev"))
            .setStatus(NamespaceStatus.newBuilder().setPhase("Active")).build(), false,
            List.of("NAME", "STATUS", "AGE"), List.of("dev", "Active", "5m")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tables")
  void columns(String name, ResourceKind<?> kind, Message item, boolean wide, List<String> headers, List<String> row) {
    Table table = KubectlTables.table(kind, List.of(item), wide, NOW);
    assertThat(table.headers()).isEqualTo(headers);
    assertThat(table.rows()).containsExactly(row);
  }
}
