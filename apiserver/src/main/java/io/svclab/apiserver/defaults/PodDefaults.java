package io.svclab.apiserver.defaults;

import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;

/** Kubernetes' SetDefaults_Pod: the pod spec defaults plus enableServiceLinks (pods only, not templates). */
public final class PodDefaults {
  private PodDefaults() {}

  public static Pod apply(Pod pod) {
    PodSpec.Builder spec = PodSpecDefaults.apply(pod.getSpec()).toBuilder();
    if (!spec.hasEnableServiceLinks()) {
      spec.setEnableServiceLinks(true);
    }
    return pod.toBuilder().setSpec(spec).build();
  }
}
