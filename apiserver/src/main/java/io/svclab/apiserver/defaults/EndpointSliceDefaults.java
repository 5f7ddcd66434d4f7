package io.svclab.apiserver.defaults;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;

/** Kubernetes' discovery/v1 SetDefaults_EndpointPort: name "" and protocol TCP. */
public final class EndpointSliceDefaults {
  private EndpointSliceDefaults() {}

  public static EndpointSlice apply(EndpointSlice slice) {
    EndpointSlice.Builder b = slice.toBuilder();
    for (int i = 0; i < b.getPortsCount(); i++) {
      EndpointSlicePort.Builder p = b.getPorts(i).toBuilder();
      if (!p.hasName()) {
        p.setName("");
      }
      if (!p.hasProtocol()) {
        p.setProtocol("TCP");
      }
      b.setPorts(i, p);
    }
    return b.build();
  }
}
