package io.svclab.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.apiserver.allocation.ClusterIpAllocator;
import io.svclab.apiserver.allocation.NodePortAllocator;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one table: which strategy writes each kind. */
class StrategiesTest {
  private static final Strategies KUBERNETES = Strategies.kubernetes(new ServiceAllocator(
      new ClusterIpAllocator("127.96.71.0/28", new Random(1)), new NodePortAllocator(30000, 30009, new Random(1))));

  static Stream<Arguments> kinds() {
    return Stream.of(
        arguments("Namespace", ResourceKinds.NAMESPACES, "NamespaceStrategy", false, false),
        arguments("Node", ResourceKinds.NODES, "NodeStrategy", false, false),
        arguments("Pod", ResourceKinds.PODS, "PodStrategy", false, false),
        arguments("Service", ResourceKinds.SERVICES, "ServiceStrategy", false, false),
        arguments("Endpoints", ResourceKinds.ENDPOINTS, "DefaultStrategy", false, false),
        arguments("EndpointSlice", ResourceKinds.ENDPOINT_SLICES, "DefaultStrategy", false, false),
        arguments("Event", ResourceKinds.EVENTS, "DefaultStrategy", true, false),
        arguments("Deployment", ResourceKinds.DEPLOYMENTS, "DeploymentStrategy", false, true),
        arguments("ReplicaSet", ResourceKinds.REPLICA_SETS, "DefaultStrategy", false, false),
        arguments("Lease", ResourceKinds.LEASES, "DefaultStrategy", true, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void eachKindHasItsStrategy(String name, ResourceKind<?> kind, String strategy, boolean routine, boolean scale) {
    KindStrategy<?> s = KUBERNETES.forKind(kind);
    assertThat(s.kind()).isSameAs(kind);
    assertThat(s.getClass().getSimpleName()).isEqualTo(strategy);
    assertThat(s.routineWrites()).isEqualTo(routine);
    assertThat(s.scale().isPresent()).isEqualTo(scale);
  }

  @Test
  void theTableCoversEveryKind() {
    assertThat(kinds().map(a -> a.get()[1]).toList()).containsExactlyInAnyOrderElementsOf(ResourceKinds.ALL);
  }

  @Test
  void aKindGetsOneStrategy() {
    assertThatThrownBy(() -> Strategies.of(List.of(new NamespaceStrategy(), new PodStrategy(), new PodStrategy())))
        .hasMessage("two strategies for Pod");
  }

  @Test
  void namespacedKindsNeedTheNamespaceRules() {
    assertThatThrownBy(() -> Strategies.of(List.of(new PodStrategy())))
        .hasMessage("namespaced kinds need the Namespace strategy");
  }

  @Test
  void aReplacementTakesOverItsKindOnly() {
    KindStrategy<?> fake = DefaultStrategy.of(ResourceKinds.PODS);
    Strategies replaced = KUBERNETES.with(fake);
    assertThat(replaced.forKind(ResourceKinds.PODS)).isSameAs(fake);
    assertThat(replaced.forKind(ResourceKinds.SERVICES)).isSameAs(KUBERNETES.forKind(ResourceKinds.SERVICES));
  }
}
