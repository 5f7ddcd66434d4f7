package io.svclab.workload;

import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import java.util.List;
import java.util.Optional;

/** Reading ownerReferences: the controller of an object, and the queue key it maps to. */
public final class Owners {
  private Owners() {}

  public static Optional<OwnerReference> controllerOf(ObjectMeta meta) {
    return meta.getOwnerReferencesList().stream().filter(OwnerReference::getController).findFirst();
  }

  /** The {@code namespace/name} key of the object's controller when it is of {@code kind}; empty otherwise. */
  public static List<String> controllerKey(ObjectMeta meta, String kind) {
    return controllerOf(meta).filter(o -> o.getKind().equals(kind))
        .map(o -> List.of(meta.getNamespace() + "/" + o.getName())).orElse(List.of());
  }

  public static boolean isControlledBy(ObjectMeta meta, String ownerUid) {
    return controllerOf(meta).map(o -> o.getUid().equals(ownerUid)).orElse(false);
  }
}
