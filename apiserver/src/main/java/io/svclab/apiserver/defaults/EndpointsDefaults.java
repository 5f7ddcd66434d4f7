package io.svclab.apiserver.defaults;

import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;

/** Kubernetes' SetDefaults_Endpoints: port protocol TCP. */
public final class EndpointsDefaults {
  private EndpointsDefaults() {}

  public static EndpointsObject apply(EndpointsObject e) {
    EndpointsObject.Builder b = e.toBuilder();
    for (int s = 0; s < b.getSubsetsCount(); s++) {
      EndpointSubset.Builder subset = b.getSubsets(s).toBuilder();
      for (int i = 0; i < subset.getPortsCount(); i++) {
        if (subset.getPorts(i).getProtocol().isEmpty()) {
          subset.setPorts(i, subset.getPorts(i).toBuilder().setProtocol("TCP"));
        }
      }
      b.setSubsets(s, subset);
    }
    return b.build();
  }
}
