package io.svclab.apiserver.strategy;

import com.google.protobuf.Message;
import io.svclab.apiserver.allocation.ServiceAllocator;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The one table of which strategy each kind is written with. */
public final class Strategies {
  private final Map<ResourceKind<?>, KindStrategy<?>> byKind;

  private Strategies(Map<ResourceKind<?>, KindStrategy<?>> byKind) {
    this.byKind = Map.copyOf(byKind);
  }

  /** Kubernetes' rules for the ten kinds; Services allocate from {@code serviceAllocator}. */
  public static Strategies kubernetes(ServiceAllocator serviceAllocator) {
    return of(List.of(
        new NamespaceStrategy(),
        new NodeStrategy(),
        new PodStrategy(),
        new ServiceStrategy(serviceAllocator),
        DefaultStrategy.of(ResourceKinds.ENDPOINTS),
        DefaultStrategy.of(ResourceKinds.ENDPOINT_SLICES),
        DefaultStrategy.routine(ResourceKinds.EVENTS),
        new DeploymentStrategy(),
        DefaultStrategy.of(ResourceKinds.REPLICA_SETS),
        DefaultStrategy.routine(ResourceKinds.LEASES)));
  }

  public static Strategies of(List<KindStrategy<?>> strategies) {
    Map<ResourceKind<?>, KindStrategy<?>> byKind = new HashMap<>();
    for (KindStrategy<?> s : strategies) {
      if (byKind.put(s.kind(), s) != null) {
        throw new IllegalArgumentException("two strategies for " + s.kind());
      }
    }
    if (!(byKind.get(ResourceKinds.NAMESPACES) instanceof NamespaceStrategy)) {
      throw new IllegalArgumentException("namespaced kinds need the Namespace strategy");
    }
    return new Strategies(byKind);
  }

  /** This table with {@code replacement} used for its kind (tests give a kind a fake strategy). */
  public Strategies with(KindStrategy<?> replacement) {
    Map<ResourceKind<?>, KindStrategy<?>> next = new HashMap<>(byKind);
    next.put(replacement.kind(), replacement);
    return of(List.copyOf(next.values()));
  }

  @SuppressWarnings("unchecked")
  public <T extends Message> KindStrategy<T> forKind(ResourceKind<T> kind) {
    KindStrategy<?> s = byKind.get(kind);
    if (s == null) {
      throw new IllegalArgumentException("no strategy for " + kind);
    }
    return (KindStrategy<T>) s;
  }

  /** The namespace rules every namespaced create is admitted by. */
  public NamespaceStrategy namespaces() {
    return (NamespaceStrategy) byKind.get(ResourceKinds.NAMESPACES);
  }
}
