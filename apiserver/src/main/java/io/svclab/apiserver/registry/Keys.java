package io.svclab.apiserver.registry;

import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;

/** Storage keys: {@code /<plural>/<namespace>/<name>} for namespaced kinds, {@code /<plural>/<name>} otherwise. */
public final class Keys {
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
