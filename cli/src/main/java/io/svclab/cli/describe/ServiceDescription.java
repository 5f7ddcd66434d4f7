package io.svclab.cli.describe;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.kube.EndpointState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** {@code kubectl describe service}: the Service, its EndpointSlices' ready addresses, its Events. */
public final class ServiceDescription {
  private ServiceDescription() {}

  public static String render(Service svc, List<EndpointSlice> slices, List<Event> events, Instant now, ZoneId zone) {
    DescribeWriter w = new DescribeWriter(now, zone);
    ServiceSpec spec = svc.getSpec();
    w.write(DescribeWriter.LEVEL_0, "Name:\t%s\n", svc.getMetadata().getName());
    w.write(DescribeWriter.LEVEL_0, "Namespace:\t%s\n", svc.getMetadata().getNamespace());
    w.labels("Labels", svc.getMetadata().getLabelsMap());
    w.annotations("Annotations", svc.getMetadata().getAnnotationsMap());
    w.write(DescribeWriter.LEVEL_0, "Selector:\t%s\n", formatLabels(spec.getSelectorMap()));
    w.write(DescribeWriter.LEVEL_0, "Type:\t%s\n", spec.getType());
    if (spec.hasIpFamilyPolicy()) {
      w.write(DescribeWriter.LEVEL_0, "IP Family Policy:\t%s\n", spec.getIpFamilyPolicy());
    }
    w.write(DescribeWriter.LEVEL_0, "IP Families:\t%s\n", spec.getIpFamiliesCount() == 0 ? "<none>" : String.join(",", spec.getIpFamiliesList()));
    w.write(DescribeWriter.LEVEL_0, "IP:\t%s\n", spec.getClusterIp());
    w.write(DescribeWriter.LEVEL_0, "IPs:\t%s\n", spec.getClusterIpsCount() == 0 ? "<none>" : String.join(",", spec.getClusterIpsList()));
    if (spec.getExternalIpsCount() > 0) {
      w.write(DescribeWriter.LEVEL_0, "External IPs:\t%s\n", String.join(",", spec.getExternalIpsList()));
    }
    if (!spec.getLoadBalancerIp().isEmpty()) {
      w.write(DescribeWriter.LEVEL_0, "Desired LoadBalancer IP:\t%s\n", spec.getLoadBalancerIp());
    }
    if (!spec.getExternalName().isEmpty()) {
      w.write(DescribeWriter.LEVEL_0, "External Name:\t%s\n", spec.getExternalName());
    }
    if (svc.getStatus().getLoadBalancer().getIngressCount() > 0) {
      List<String> ingress = new ArrayList<>();
      for (LoadBalancerIngress i : svc.getStatus().getLoadBalancer().getIngressList()) {
        ingress.add(i.getIp().isEmpty() ? i.getHostname() : i.getIp());
      }
      w.write(DescribeWriter.LEVEL_0, "LoadBalancer Ingress:\t%s\n", String.join(", ", ingress));
    }
    for (ServicePort p : spec.getPortsList()) {
      String name = p.getName().isEmpty() ? "<unset>" : p.getName();
      w.write(DescribeWriter.LEVEL_0, "Port:\t%s\t%d/%s\n", name, p.getPort(), p.getProtocol());
      String target = p.getTargetPort().hasName() ? p.getTargetPort().getName() : Integer.toString(p.getTargetPort().getNumber());
      w.write(DescribeWriter.LEVEL_0, "TargetPort:\t%s/%s\n", target, p.getProtocol());
      if (p.getNodePort() != 0) {
        w.write(DescribeWriter.LEVEL_0, "NodePort:\t%s\t%d/%s\n", name, p.getNodePort(), p.getProtocol());
      }
      w.write(DescribeWriter.LEVEL_0, "Endpoints:\t%s\n", endpoints(slices, p.getName()));
    }
    w.write(DescribeWriter.LEVEL_0, "Session Affinity:\t%s\n", spec.getSessionAffinity());
    if (!spec.getExternalTrafficPolicy().isEmpty()) {
      w.write(DescribeWriter.LEVEL_0, "External Traffic Policy:\t%s\n", spec.getExternalTrafficPolicy());
    }
    if (spec.hasInternalTrafficPolicy()) {
      w.write(DescribeWriter.LEVEL_0, "Internal Traffic Policy:\t%s\n", spec.getInternalTrafficPolicy());
    }
    if (spec.getHealthCheckNodePort() != 0) {
      w.write(DescribeWriter.LEVEL_0, "HealthCheck NodePort:\t%d\n", spec.getHealthCheckNodePort());
    }
    if (spec.getLoadBalancerSourceRangesCount() > 0) {
      w.write(DescribeWriter.LEVEL_0, "LoadBalancer Source Ranges:\t%s\n", String.join(",", spec.getLoadBalancerSourceRangesList()));
    }
    if (spec.hasTrafficDistribution() && !spec.getTrafficDistribution().isEmpty()) {
      w.write(DescribeWriter.LEVEL_0, "Traffic Distribution:\t%s\n", spec.getTrafficDistribution());
    }
    w.events(events);
    return w.render();
  }

  /** apimachinery labels.FormatLabels: sorted {@code k=v,k2=v2}, or {@code <none>}. */
  static String formatLabels(java.util.Map<String, String> labels) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(labels).forEach((k, v) -> out.add(k + "=" + v));
    return out.isEmpty() ? "<none>" : String.join(",", out);
  }

  /**
   * kubectl's formatEndpointSlices for one service port: ready addresses as {@code ip:port},
   * three then {@code + N more...}; {@code <none>} only when there is no slice at all. The
   * "more" flag is set before the readiness check, exactly as kubectl does.
   */
  static String endpoints(List<EndpointSlice> slices, String portName) {
    if (slices.isEmpty()) {
      return "<none>";
    }
    List<String> list = new ArrayList<>();
    int max = 3;
    boolean more = false;
    int count = 0;
    for (EndpointSlice slice : slices) {
      if (slice.getPortsCount() == 0) {
        for (Endpoint e : slice.getEndpointsList()) {
          if (list.size() == max) {
            more = true;
          }
          if (!ready(e)) {
            continue;
          }
          if (!more) {
            list.add(e.getAddresses(0));
          }
          count++;
        }
        continue;
      }
      for (EndpointSlicePort port : slice.getPortsList()) {
        if (!port.getName().equals(portName)) {
          continue;
        }
        for (Endpoint e : slice.getEndpointsList()) {
          if (list.size() == max) {
            more = true;
          }
          if (!ready(e)) {
            continue;
          }
          if (!more) {
            String addr = e.getAddresses(0);
            list.add((addr.contains(":") ? "[" + addr + "]" : addr) + ":" + port.getPort());
          }
          count++;
        }
      }
    }
    String joined = String.join(",", list);
    return more ? joined + " + " + (count - max) + " more..." : joined;
  }

  private static boolean ready(Endpoint e) {
    return EndpointState.isReady(e.getConditions());
  }
}
