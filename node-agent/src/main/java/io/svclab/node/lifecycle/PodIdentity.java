package io.svclab.node.lifecycle;

import io.svclab.api.v1.Pod;

/**
 * What the lifecycle rules need to know about the pod around a container: its names for event
 * texts, its IP for log lines, and its restartPolicy (empty means Always, as the API defaults it).
 */
public record PodIdentity(String name, String namespace, String uid, String restartPolicy, String podIp) {
  public static PodIdentity of(Pod pod, String podIp) {
    String policy = pod.getSpec().getRestartPolicy().isEmpty() ? "Always" : pod.getSpec().getRestartPolicy();
    return new PodIdentity(pod.getMetadata().getName(), pod.getMetadata().getNamespace(), pod.getMetadata().getUid(),
        policy, podIp);
  }

  /** kubelet's format.Pod: {@code name_namespace(uid)}. */
  public String formatted() {
    return name + "_" + namespace + "(" + uid + ")";
  }

  /** restartPolicy: Always restarts any exit, OnFailure a non-zero one, Never none. */
  public boolean restarts(int exitCode) {
    return restartPolicy.equals("Always") || restartPolicy.equals("OnFailure") && exitCode != 0;
  }
}
