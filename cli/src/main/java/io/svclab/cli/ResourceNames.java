package io.svclab.cli;

import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** kubectl's names and short names for resource types ({@code svc}, {@code po}, {@code deploy}...). */
final class ResourceNames {
  private static final Map<String, ResourceKind<?>> SHORT = Map.ofEntries(
      Map.entry("svc", ResourceKinds.SERVICES), Map.entry("po", ResourceKinds.PODS),
      Map.entry("ep", ResourceKinds.ENDPOINTS), Map.entry("deploy", ResourceKinds.DEPLOYMENTS),
      Map.entry("rs", ResourceKinds.REPLICA_SETS), Map.entry("no", ResourceKinds.NODES),
      Map.entry("ns", ResourceKinds.NAMESPACES), Map.entry("ev", ResourceKinds.EVENTS),
      Map.entry("endpointslice", ResourceKinds.ENDPOINT_SLICES), Map.entry("lease", ResourceKinds.LEASES));

  private ResourceNames() {}

  static Optional<ResourceKind<?>> find(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (SHORT.containsKey(n)) {
      return Optional.of(SHORT.get(n));
    }
    Optional<ResourceKind<?>> k = ResourceKinds.find(n);
    if (k.isPresent()) {
      return k;
    }
    return ResourceKinds.ALL.stream().filter(kind -> kind.plural().equals(n + "s")).findFirst();
  }

  static ResourceKind<?> require(String name) {
    return find(name).orElseThrow(() -> new IllegalArgumentException(
        "the server doesn't have a resource type \"" + name + "\""));
  }
}
