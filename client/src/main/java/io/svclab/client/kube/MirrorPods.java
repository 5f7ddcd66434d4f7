package io.svclab.client.kube;

import io.svclab.api.v1.Pod;

/**
 * Mirror pods: the API's view of a process some agent runs itself (kubelet's static pods; here
 * the lab's own components, written by {@code ./lab up}). Kubernetes marks them with
 * {@link #ANNOTATION_MIRROR}; the scheduler never places them and no node agent runs them.
 */
public final class MirrorPods {
  private MirrorPods() {}

  /** kubetypes.ConfigMirrorAnnotationKey: present means "a mirror of something running already". */
  public static final String ANNOTATION_MIRROR = "kubernetes.io/config.mirror";
  /** kubetypes.ConfigSourceAnnotationKey: where the static pod came from (file, http, api). */
  public static final String ANNOTATION_SOURCE = "kubernetes.io/config.source";
  /** kubetypes.ConfigHashAnnotationKey: the hash of the static pod's manifest. */
  public static final String ANNOTATION_HASH = "kubernetes.io/config.hash";

  /** Which lab component a mirror pod stands for; its log is {@code <data>/logs/<component>.log}. */
  public static final String ANNOTATION_COMPONENT = "svclab.io/component";

  public static boolean isMirror(Pod pod) {
    return pod.getMetadata().getAnnotationsMap().containsKey(ANNOTATION_MIRROR);
  }
}
