package io.svclab.node.pods;

import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;

/** The writes a pod worker makes, so the worker can be tested without an apiserver. */
public interface PodApi {
  /** Queues a status write (coalesced: only the latest per pod is sent). */
  void updateStatus(Pod pod, PodStatus status);

  /** Queues the final status and then the kubelet's Delete with gracePeriodSeconds 0. */
  void finish(Pod pod, PodStatus status);

  /** Records an Event about the pod ({@code fieldPath} like {@code spec.containers{nginx}}, or empty). */
  void event(Pod pod, String fieldPath, String type, String reason, String message);
}
