package io.svclab.apiserver.defaults;

import io.svclab.api.v1.Namespace;

/**
 * status.phase Active, and the {@code kubernetes} finalizer Kubernetes' namespace strategy adds
 * on create. A namespace without a phase has never been stored, so that is when the finalizer
 * is added: later the namespace controller removes it to finish a deletion, and it must stay gone.
 */
public final class NamespaceDefaults {
  private NamespaceDefaults() {}

  public static Namespace apply(Namespace ns) {
    Namespace.Builder b = ns.toBuilder();
    if (b.getStatus().getPhase().isEmpty()) {
      if (!b.getSpec().getFinalizersList().contains("kubernetes")) {
        b.getSpecBuilder().addFinalizers("kubernetes");
      }
      b.getStatusBuilder().setPhase("Active");
    }
    return b.build();
  }
}
