package io.svclab.apiserver.defaults;

import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.ReplicaSetSpec;

/** Kubernetes' apps/v1 SetDefaults_ReplicaSet, plus the pod-spec defaults of its template. */
public final class ReplicaSetDefaults {
  private ReplicaSetDefaults() {}

  public static ReplicaSet apply(ReplicaSet rs) {
    ReplicaSetSpec.Builder s = rs.getSpec().toBuilder();
    if (!s.hasReplicas()) {
      s.setReplicas(1);
    }
    s.setTemplate(s.getTemplate().toBuilder().setSpec(PodSpecDefaults.apply(s.getTemplate().getSpec())));
    return rs.toBuilder().setSpec(s).build();
  }
}
