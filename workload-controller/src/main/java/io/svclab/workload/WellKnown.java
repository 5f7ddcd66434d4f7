package io.svclab.workload;

/** Label, annotation and name constants Kubernetes' workload controllers use, spelled as Kubernetes does. */
public final class WellKnown {
  private WellKnown() {}

  public static final String POD_TEMPLATE_HASH = "pod-template-hash";
  public static final String REVISION = "deployment.kubernetes.io/revision";
  public static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
  public static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
  public static final String POD_DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
  public static final String DEFAULT_SCHEDULER = "default-scheduler";
  public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
  public static final String ROLLING_UPDATE = "RollingUpdate";
  public static final String RECREATE = "Recreate";
}
