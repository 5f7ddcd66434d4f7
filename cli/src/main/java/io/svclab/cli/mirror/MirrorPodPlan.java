package io.svclab.cli.mirror;

import io.svclab.api.v1.Pod;
import io.svclab.client.kube.MirrorPods;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the supervisor does about one mirror pod, as kubelet's static-pod sync decides it: a
 * missing one is created; one that is terminating, not a mirror, of another manifest (its
 * {@code config.mirror} hash) or owned by another Node (re-registered) is deleted at once and
 * created again; a current one only gets its status when that changed (a restarted process: new
 * start time, restart count, pid). The API defaults spec fields, so the hash, not the spec, says
 * which manifest a mirror pod is of.
 */
public enum MirrorPodPlan {
  CREATE, RECREATE, UPDATE_STATUS, NOTHING;

  public static MirrorPodPlan decide(Optional<Pod> existing, Pod desired) {
    if (existing.isEmpty()) {
      return CREATE;
    }
    Pod pod = existing.get();
    String hash = desired.getMetadata().getAnnotationsMap().get(MirrorPods.ANNOTATION_MIRROR);
    if (pod.getMetadata().hasDeletionTimestamp() || !MirrorPods.isMirror(pod)
        || !pod.getMetadata().getAnnotationsMap().get(MirrorPods.ANNOTATION_MIRROR).equals(hash)
        || !owners(pod).equals(owners(desired))) {
      return RECREATE;
    }
    return observed(pod).equals(observed(desired)) ? NOTHING : UPDATE_STATUS;
  }

  private static List<String> owners(Pod pod) {
    return pod.getMetadata().getOwnerReferencesList().stream().map(o -> o.getKind() + "/" + o.getName() + "/" + o.getUid())
        .toList();
  }

  /** What the supervisor knows about the process: phase, start, and its one container's state. */
  private static List<Object> observed(Pod pod) {
    var status = pod.getStatus();
    var container = status.getContainerStatusesCount() == 0 ? null : status.getContainerStatuses(0);
    return Arrays.asList(status.getPhase(), status.getStartTime().getSeconds(), status.getPodIp(),
        container == null ? null : container.getContainerId(), container == null ? null : container.getRestartCount(),
        container == null ? null : container.getReady());
  }
}
