package io.svclab.apiserver.strategy;

import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.Optional;

/**
 * Namespaces: deletion always goes through Terminating (its contents are removed first, then
 * the namespace is finalized), and nothing new may be created in a namespace that is missing
 * or terminating (Kubernetes' NamespaceLifecycle admission).
 */
public final class NamespaceStrategy extends DefaultStrategy<Namespace> {
  public NamespaceStrategy() {
    super(ResourceKinds.NAMESPACES, false);
  }

  /** Admits the create of {@code name} of {@code kind} into {@code namespace}, as it is stored now (empty: missing). */
  public static void admitContent(ResourceKind<?> kind, String name, String namespace, Optional<Namespace> stored) {
    if (stored.isEmpty()) {
      throw ApiException.notFound("namespaces", namespace);
    }
    if (stored.get().getMetadata().hasDeletionTimestamp()) {
      throw ApiException.forbidden(kind.plural(), name, "unable to create new content in namespace "
          + namespace + " because it is being terminated");
    }
  }

  @Override
  public Optional<Namespace> markForDeletion(Namespace namespace, DeleteRequest request, Instant now) {
    Namespace.Builder b = namespace.toBuilder();
    ObjectMeta meta = namespace.getMetadata();
    if (!meta.hasDeletionTimestamp()) {
      b.setMetadata(meta.toBuilder().setDeletionTimestamp(ObjectLifecycle.timestamp(now)).setDeletionGracePeriodSeconds(0));
    }
    b.getStatusBuilder().setPhase("Terminating");
    return Optional.of(b.build());
  }

  @Override
  public boolean readyToRemove(Namespace namespace) {
    return super.readyToRemove(namespace) && namespace.getSpec().getFinalizersCount() == 0;
  }

  @Override
  public boolean deletionRemovesContents() {
    return true;
  }
}
