package io.svclab.apiserver.strategy;

import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.Optional;

/**
 * Pods: a new pod starts Pending, and deletion is graceful: a pod a kubelet runs is marked
 * terminating for its grace period and goes when the kubelet deletes it with grace 0.
 */
public final class PodStrategy extends DefaultStrategy<Pod> {
  /** Kubernetes' terminationGracePeriodSeconds default. */
  static final long DEFAULT_GRACE_SECONDS = 30;

  public PodStrategy() {
    super(ResourceKinds.PODS, false);
  }

  @Override
  public Pod prepareForCreate(Pod pod, Instant now, String uid) {
    return super.prepareForCreate(pod, now, uid).toBuilder()
        .setStatus(PodStatus.newBuilder().setPhase("Pending")).build();
  }

  @Override
  public Optional<Pod> markForDeletion(Pod pod, DeleteRequest request, Instant now) {
    ObjectMeta meta = pod.getMetadata();
    long grace = gracePeriodSeconds(pod, request);
    if (grace == 0 && meta.getFinalizersCount() == 0) {
      return Optional.empty();
    }
    ObjectMeta.Builder marked = meta.toBuilder().setDeletionGracePeriodSeconds(grace);
    if (!meta.hasDeletionTimestamp() || grace < meta.getDeletionGracePeriodSeconds()) {
      marked.setDeletionTimestamp(ObjectLifecycle.timestamp(now.plusSeconds(grace)));
    }
    return Optional.of(pod.toBuilder().setMetadata(marked).build());
  }

  /**
   * The request's grace, else the pod's, else 30 s; 0 when no kubelet runs the pod (unbound or
   * finished: no one to wait for); and a grace already running can only shorten.
   */
  static long gracePeriodSeconds(Pod pod, DeleteRequest request) {
    long grace = request.hasGracePeriodSeconds() ? request.getGracePeriodSeconds()
        : pod.getSpec().hasTerminationGracePeriodSeconds() ? pod.getSpec().getTerminationGracePeriodSeconds()
        : DEFAULT_GRACE_SECONDS;
    String phase = pod.getStatus().getPhase();
    if (pod.getSpec().getNodeName().isEmpty() || "Succeeded".equals(phase) || "Failed".equals(phase)) {
      grace = 0;
    }
    ObjectMeta meta = pod.getMetadata();
    if (meta.hasDeletionTimestamp() && meta.getDeletionGracePeriodSeconds() <= grace) {
      grace = meta.getDeletionGracePeriodSeconds();
    }
    return grace;
  }

  @Override
  public boolean readyToRemove(Pod pod) {
    return super.readyToRemove(pod) && pod.getMetadata().getDeletionGracePeriodSeconds() == 0;
  }
}
