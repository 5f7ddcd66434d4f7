package io.svclab.cloudlb.service;

import io.svclab.api.v1.LoadBalancerStatus;

/** What the service controller must do for one Service, decided by {@link LoadBalancerPlanner}. */
public sealed interface Plan {
  /** Not a Service of ours, and nothing of ours left on it. */
  record Ignore() implements Plan {}

  /**
   * Tear down: the Service was deleted (deletionTimestamp, held by our finalizer) or no
   * longer wants a load balancer. Close the balancer, release the IP, then clear the status
   * and remove the finalizer where asked.
   */
  record Cleanup(boolean clearStatus, boolean removeFinalizer) implements Plan {}

  /**
   * Ensure the balancer on {@code ip}: add the finalizer first if missing, take the IP,
   * program the balancer, write {@code status} if it differs.
   *
   * @param announce whether the API state changes (finalizer, IP, status), which the
   *                 controller reports as EnsuringLoadBalancer / EnsuredLoadBalancer
   */
  record Ensure(boolean addFinalizer, String ip, LoadBalancerStatus status, boolean statusChanged,
      boolean announce) implements Plan {}

  /** Cannot ensure (no free IP, requested IP taken...): stays pending with a warning Event. */
  record Fail(boolean addFinalizer, String reason) implements Plan {
    /** The SyncLoadBalancerFailed message, worded as Kubernetes' service controller. */
    public String eventMessage() {
      return "Error syncing load balancer: failed to ensure load balancer: " + reason;
    }
  }
}
