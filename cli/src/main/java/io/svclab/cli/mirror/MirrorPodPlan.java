package io.svclab.cli.mirror;

import io.svclab.api.v1.Pod;
import io.svclab.client.kube.MirrorPods;
import java.util.Optional;

/**
 * What the supervisor does about one mirror pod, as kubelet's static-pod sync decides it: a
 * missing one is created; one that is terminating, not a mirror, or of another manifest (hash,
 * labels, owner) is deleted at once and created again; a current one only gets its status
 * (a restarted process: new start time, restart count, pid).
 */
public enum MirrorPodPlan {
  CREATE, RECREATE, UPDATE_STATUS, NOTHING;

  public static MirrorPodPlan decide(Optional<Pod> existing, Pod desired) {
    if (existing.isEmpty()) {
      return CREATE;
    }
    Pod pod = existing.get();
    if (pod.getMetadata().hasDeletionTimestamp() || !MirrorPods.isMirror(pod)
        || !pod.getMetadata().getLabelsMap().equals(desired.getMetadata().getLabelsMap())
        || !pod.getMetadata().getAnnotationsMap().equals(desired.getMetadata().getAnnotationsMap())
        || !pod.getMetadata().getOwnerReferencesList().equals(desired.getMetadata().getOwnerReferencesList())
        || !pod.getSpec().equals(desired.getSpec())) {
      return RECREATE;
    }
    return pod.getStatus().equals(desired.getStatus()) ? NOTHING : UPDATE_STATUS;
  }
}
