package io.svclab.cloudlb.balancer;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.client.kube.EndpointState;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * For {@code allocateLoadBalancerNodePorts: false} a port has no NodePort, so the balancer
 * targets the ready endpoints themselves ({@code podIP:targetPort} from the Service's
 * EndpointSlices), as IP-target cloud load balancers do. Keyed by {@code port/protocol}.
 */
public final class DirectTargets {
  private DirectTargets() {}

  public static Map<String, List<InetSocketAddress>> of(Service svc, Collection<EndpointSlice> slices) {
    Map<String, List<InetSocketAddress>> out = new LinkedHashMap<>();
    for (ServicePort sp : svc.getSpec().getPortsList()) {
      if (sp.getNodePort() > 0) continue;
      String protocol = sp.getProtocol().isEmpty() ? "TCP" : sp.getProtocol();
      TreeSet<String> targets = new TreeSet<>();
      for (EndpointSlice slice : slices) {
        if (!"IPv4".equals(slice.getAddressType())) continue;
        for (EndpointSlicePort p : slice.getPortsList()) {
          String pProto = p.hasProtocol() ? p.getProtocol() : "TCP";
          if (!p.getName().equals(sp.getName()) || !pProto.equals(protocol) || !p.hasPort()) continue;
          for (Endpoint e : slice.getEndpointsList()) {
            if (!EndpointState.isReady(e.getConditions())) continue;
            e.getAddressesList().forEach(a -> targets.add(a + ":" + p.getPort()));
          }
        }
      }
      out.put(sp.getPort() + "/" + protocol, targets.stream().map(t -> {
        int colon = t.lastIndexOf(':');
        return new InetSocketAddress(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
      }).toList());
    }
    return out;
  }
}
