package io.svclab.workload.gc;

import io.svclab.api.v1.OwnerReference;
import java.util.List;
import java.util.Set;

/**
 * The garbage collector's decision for one dependent, as Kubernetes' attemptToDeleteItem
 * with background propagation: all owners gone, delete it; some gone, drop the dangling
 * references; none gone (or no owners), keep it.
 */
public sealed interface OwnerVerdict {
  record Keep() implements OwnerVerdict {}

  record Delete(List<OwnerReference> goneOwners) implements OwnerVerdict {}

  record DropReferences(List<OwnerReference> dangling) implements OwnerVerdict {}

  static OwnerVerdict decide(List<OwnerReference> owners, Set<String> goneUids) {
    List<OwnerReference> gone = owners.stream().filter(o -> goneUids.contains(o.getUid())).toList();
    if (gone.isEmpty()) {
      return new Keep();
    }
    return gone.size() == owners.size() ? new Delete(gone) : new DropReferences(gone);
  }
}
