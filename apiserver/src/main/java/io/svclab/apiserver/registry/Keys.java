package io.svclab.apiserver.registry;

import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;

/**
 * Storage keys: {@code /<plural>/<namespace>/<name>} for namespaced kinds, {@code /<plural>/<name>}
 * otherwise; the allocators' records under {@code /ranges/}, which is no kind's plural, so they
 * are never listed or watched (Kubernetes keeps them at {@code /registry/ranges/...}).
 */
public final class Keys {
  /** The ClusterIP range's taken set (Kubernetes' {@code /registry/ranges/serviceips}). */
  public static final String SERVICE_IPS_RANGE = "/ranges/serviceips";
  /** The NodePort range's taken set (Kubernetes' {@code /registry/ranges/servicenodeports}). */
  public static final String SERVICE_NODE_PORTS_RANGE = "/ranges/servicenodeports";

  private Keys() {}

  public static String key(ResourceKind<?> kind, String namespace, String name) {
    return kind.namespaced() ? "/" + kind.plural() + "/" + namespace + "/" + name : "/" + kind.plural() + "/" + name;
  }

  /** Prefix of every object of a kind in a namespace ("" = all namespaces). */
  public static String prefix(ResourceKind<?> kind, String namespace) {
    return kind.namespaced() && namespace != null && !namespace.isEmpty()
        ? "/" + kind.plural() + "/" + namespace + "/" : "/" + kind.plural() + "/";
  }

  public static ResourceKind<?> kindOf(String key) {
    int end = key.indexOf('/', 1);
    if (end < 0) {
      return null;
    }
    return ResourceKinds.find(key.substring(1, end)).orElse(null);
  }
}
