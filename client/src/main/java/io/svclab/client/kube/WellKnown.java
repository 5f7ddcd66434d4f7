package io.svclab.client.kube;

/** Kubernetes' well-known label keys that several svclab processes read or write, spelled once. */
public final class WellKnown {
  private WellKnown() {}

  /** On an EndpointSlice: the Service it belongs to (discovery.k8s.io, LabelServiceName). */
  public static final String LABEL_SERVICE_NAME = "kubernetes.io/service-name";

  /** On an EndpointSlice: the controller or agent that manages it (LabelManagedBy). */
  public static final String LABEL_MANAGED_BY = "endpointslice.kubernetes.io/managed-by";
}
