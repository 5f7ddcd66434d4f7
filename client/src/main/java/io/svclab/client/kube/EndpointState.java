package io.svclab.client.kube;

import io.svclab.api.v1.EndpointConditions;

/**
 * An EndpointSlice endpoint's conditions with Kubernetes' defaults for unset fields
 * (discovery/v1 EndpointConditions): ready unset means ready ("should be interpreted as
 * true"), serving unset means the same as ready, terminating unset means not terminating.
 */
public record EndpointState(boolean ready, boolean serving, boolean terminating) {
  public static EndpointState of(EndpointConditions c) {
    boolean ready = !c.hasReady() || c.getReady();
    boolean serving = c.hasServing() ? c.getServing() : ready;
    boolean terminating = c.hasTerminating() && c.getTerminating();
    return new EndpointState(ready, serving, terminating);
  }

  /** Ready by the default rule, without building the record (hot paths). */
  public static boolean isReady(EndpointConditions c) {
    return !c.hasReady() || c.getReady();
  }
}
