package io.svclab.proxy.kernel;

import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.EndpointCategories;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which UDP conntrack entries a sync must delete, as kube-proxy's conntrack cleanup does after
 * the rules are written (pkg/proxy/conntrack, {@code deleteStaleServiceConntrackEntries} and
 * {@code deleteStaleEndpointConntrackEntries}). UDP has no connection end, so without this a
 * client keeps sending to a removed endpoint (or to the REJECT of a port that had none) for as
 * long as it keeps the flow alive. Pure: two snapshots in, {@code conntrack} argument lists out.
 *
 * <ul>
 *   <li>a UDP Service port that had no usable endpoint and now has one: every entry to its
 *       ClusterIP, external and LB IPs ({@code -D --orig-dst IP -p udp}) and to its NodePort
 *       ({@code -D -p udp --dport N});</li>
 *   <li>a usable endpoint of a UDP Service port that is no longer usable or gone: the entries
 *       NATed to it ({@code -D --orig-dst IP --dst-nat EP -p udp}, {@code -D -p udp --dport N
 *       --dst-nat EP}).</li>
 * </ul>
 */
public final class ConntrackCleanup {
  private ConntrackCleanup() {}

  public static List<List<String>> deletions(ProxySnapshot before, ProxySnapshot after) {
    Map<ServicePortName, ServicePortInfo> old = new HashMap<>();
    for (ServicePortInfo port : before.servicePorts()) if (port.protocol().equals("UDP")) old.put(port.name(), port);
    Set<List<String>> out = new LinkedHashSet<>();
    Map<ServicePortName, ServicePortInfo> now = new HashMap<>();
    for (ServicePortInfo port : after.servicePorts()) {
      if (!port.protocol().equals("UDP")) continue;
      now.put(port.name(), port);
      ServicePortInfo was = old.get(port.name());
      boolean hadNone = was == null || usable(was).isEmpty();
      if (hadNone && !usable(port).isEmpty()) {
        for (String ip : destinations(port)) out.add(List.of("-D", "--orig-dst", ip, "-p", "udp"));
        if (port.nodePort() > 0) out.add(List.of("-D", "-p", "udp", "--dport", Integer.toString(port.nodePort())));
      }
    }
    for (ServicePortInfo was : old.values()) {
      ServicePortInfo port = now.get(was.name());
      Set<String> still = new LinkedHashSet<>();
      if (port != null) usable(port).forEach(e -> still.add(e.ip()));
      for (Endpoint e : usable(was)) {
        if (still.contains(e.ip())) continue;
        for (String ip : destinations(was)) out.add(List.of("-D", "--orig-dst", ip, "--dst-nat", e.ip(), "-p", "udp"));
        if (was.nodePort() > 0) {
          out.add(List.of("-D", "-p", "udp", "--dport", Integer.toString(was.nodePort()), "--dst-nat", e.ip()));
        }
      }
    }
    return List.copyOf(out);
  }

  /** The endpoints the rules send traffic to (kube-proxy's "ready" set for this purpose). */
  private static List<Endpoint> usable(ServicePortInfo port) {
    return EndpointCategories.categorize(port).allReachable();
  }

  private static List<String> destinations(ServicePortInfo port) {
    List<String> ips = new ArrayList<>();
    if (!port.clusterIp().isEmpty()) ips.add(port.clusterIp());
    ips.addAll(port.externalIps());
    ips.addAll(port.loadBalancerIps());
    return ips;
  }
}
