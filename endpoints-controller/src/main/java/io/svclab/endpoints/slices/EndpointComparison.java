package io.svclab.endpoints.slices;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.ObjectReference;

/** Whether a kept endpoint must be rewritten (Kubernetes' EndpointsEqualBeyondHash). */
public final class EndpointComparison {
  private EndpointComparison() {}

  /**
   * Two endpoints with the same key are equal when node, zone, the three conditions (unset
   * differs from false) and the target reference agree. The target's resourceVersion is
   * ignored: a pod's annotation edit must not rewrite every slice it is in.
   */
  public static boolean equalBeyondKey(Endpoint a, Endpoint b) {
    if (a.hasNodeName() != b.hasNodeName() || !a.getNodeName().equals(b.getNodeName())) return false;
    if (a.hasZone() != b.hasZone() || !a.getZone().equals(b.getZone())) return false;
    EndpointConditions ca = a.getConditions();
    EndpointConditions cb = b.getConditions();
    if (ca.hasReady() != cb.hasReady() || ca.getReady() != cb.getReady()) return false;
    if (ca.hasServing() != cb.hasServing() || ca.getServing() != cb.getServing()) return false;
    if (ca.hasTerminating() != cb.hasTerminating() || ca.getTerminating() != cb.getTerminating()) return false;
    if (a.hasTargetRef() != b.hasTargetRef()) return false;
    return withoutVersion(a.getTargetRef()).equals(withoutVersion(b.getTargetRef()));
  }

  static ObjectReference withoutVersion(ObjectReference ref) {
    return ref.toBuilder().clearResourceVersion().build();
  }
}
