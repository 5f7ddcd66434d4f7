package io.svclab.endpoints;

import io.svclab.client.kube.WellKnown;

/** Label and annotation keys with Kubernetes' own spelling, shared by all three controllers. */
public final class WellKnownKeys {
  private WellKnownKeys() {}

  public static final String LABEL_SERVICE_NAME = WellKnown.LABEL_SERVICE_NAME;
  public static final String LABEL_MANAGED_BY = WellKnown.LABEL_MANAGED_BY;
  public static final String LABEL_HEADLESS = "service.kubernetes.io/headless";
  public static final String LABEL_SKIP_MIRROR = "endpointslice.kubernetes.io/skip-mirror";
  public static final String LABEL_TOPOLOGY_ZONE = "topology.kubernetes.io/zone";

  public static final String ANNOTATION_LAST_CHANGE_TRIGGER_TIME = "endpoints.kubernetes.io/last-change-trigger-time";
  public static final String ANNOTATION_OVER_CAPACITY = "endpoints.kubernetes.io/over-capacity";
  public static final String ANNOTATION_LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  public static final String ANNOTATION_LEADER = "control-plane.alpha.kubernetes.io/leader";

  /** managed-by value of the slices built from Services with a selector. */
  public static final String ENDPOINTSLICE_CONTROLLER = "endpointslice-controller.k8s.io";
  /** managed-by value of the slices mirrored from user-written Endpoints. */
  public static final String MIRRORING_CONTROLLER = "endpointslicemirroring-controller.k8s.io";
}
