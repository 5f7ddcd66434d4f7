package io.svclab.proxy.snapshot;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.client.kube.EndpointState;
import io.svclab.client.kube.WellKnown;
import io.svclab.net.ip.Ipv4Prefix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Services + EndpointSlices -> {@link ProxySnapshot}, as kube-proxy's service and endpoints
 * change trackers do. Pure: no I/O, the same inputs always give the same snapshot.
 *
 * <p>Rules: headless ({@code clusterIP: None}) and ExternalName Services are not proxied;
 * SCTP ports are skipped with a reason; a slice belongs to the Service named by its
 * {@code kubernetes.io/service-name} label in the same namespace, and a slice port serves the
 * Service port with the same name and protocol; only IPv4 slices are read; an endpoint seen
 * in several slices counts once (the most usable copy wins). LoadBalancer ingress IPs with
 * {@code ipMode: Proxy} belong to the cloud balancer and are not bound here.
 */
public final class SnapshotBuilder {
  public static final String SERVICE_NAME_LABEL = WellKnown.LABEL_SERVICE_NAME;
  public static final int DEFAULT_AFFINITY_SECONDS = 10800;

  private SnapshotBuilder() {}

  public static ProxySnapshot build(Collection<Service> services, Collection<EndpointSlice> slices, String nodeName) {
    Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
    for (EndpointSlice slice : slices) {
      String owner = slice.getMetadata().getLabelsMap().get(SERVICE_NAME_LABEL);
      if (owner == null || owner.isEmpty()) continue;
      String addressType = slice.getAddressType();
      if (!addressType.isEmpty() && !addressType.equals("IPv4")) continue;
      slicesByService.computeIfAbsent(slice.getMetadata().getNamespace() + "/" + owner, k -> new ArrayList<>()).add(slice);
    }
    List<Service> sorted = new ArrayList<>(services);
    sorted.sort((a, b) -> key(a).compareTo(key(b)));

    List<ServicePortInfo> ports = new ArrayList<>();
    Map<String, ProxySnapshot.HealthCheck> healthChecks = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    for (Service svc : sorted) {
      var spec = svc.getSpec();
      String type = spec.getType().isEmpty() ? "ClusterIP" : spec.getType();
      String clusterIp = spec.getClusterIp();
      if (type.equals("ExternalName") || clusterIp.isEmpty() || clusterIp.equals("None")) continue;
      List<EndpointSlice> own = slicesByService.getOrDefault(key(svc), List.of());
      boolean externalNodePorts = type.equals("NodePort") || type.equals("LoadBalancer");
      boolean etpLocal = externalNodePorts && "Local".equals(spec.getExternalTrafficPolicy());
      boolean itpLocal = "Local".equals(spec.getInternalTrafficPolicy());
      List<String> lbIps = new ArrayList<>();
      if (type.equals("LoadBalancer") && svc.hasStatus()) {
        for (LoadBalancerIngress ingress : svc.getStatus().getLoadBalancer().getIngressList()) {
          if (!ingress.getIp().isEmpty() && !"Proxy".equals(ingress.getIpMode())) lbIps.add(ingress.getIp());
        }
      }
      Duration affinity = null;
      if ("ClientIP".equals(spec.getSessionAffinity())) {
        int seconds = spec.getSessionAffinityConfig().getClientIp().hasTimeoutSeconds()
            ? spec.getSessionAffinityConfig().getClientIp().getTimeoutSeconds() : DEFAULT_AFFINITY_SECONDS;
        affinity = Duration.ofSeconds(seconds);
      }
      int hcPort = type.equals("LoadBalancer") && etpLocal ? spec.getHealthCheckNodePort() : 0;
      List<String> sourceRanges = sourceRanges(spec.getLoadBalancerSourceRangesList());
      Set<String> localReady = new LinkedHashSet<>();
      for (ServicePort sp : spec.getPortsList()) {
        String protocol = sp.getProtocol().isEmpty() ? "TCP" : sp.getProtocol();
        ServicePortName name = new ServicePortName(svc.getMetadata().getNamespace(), svc.getMetadata().getName(),
            sp.getName(), protocol);
        if (!protocol.equals("TCP") && !protocol.equals("UDP")) {
          skipped.add(name + "/" + protocol + ": protocol " + protocol + " is not supported by the userspace proxier");
          continue;
        }
        List<Endpoint> endpoints = endpointsFor(own, sp.getName(), protocol, nodeName);
        endpoints.stream().filter(e -> e.local() && e.ready()).forEach(e -> localReady.add(e.ip()));
        ports.add(new ServicePortInfo(name, clusterIp, sp.getPort(), protocol,
            externalNodePorts ? sp.getNodePort() : 0, spec.getExternalIpsList(), lbIps,
            etpLocal, itpLocal, hcPort, affinity, endpoints, sourceRanges));
      }
      if (hcPort > 0) {
        healthChecks.put(key(svc), new ProxySnapshot.HealthCheck(svc.getMetadata().getNamespace(),
            svc.getMetadata().getName(), hcPort, localReady.size()));
      }
    }
    return new ProxySnapshot(ports, healthChecks, skipped);
  }

  /** The endpoints of one Service port: every slice port with its name and protocol. */
  static List<Endpoint> endpointsFor(List<EndpointSlice> slices, String portName, String protocol, String nodeName) {
    Map<String, Endpoint> byAddress = new LinkedHashMap<>();
    for (EndpointSlice slice : slices) {
      for (EndpointSlicePort port : slice.getPortsList()) {
        String sliceProtocol = port.hasProtocol() ? port.getProtocol() : "TCP";
        if (!port.getName().equals(portName) || !sliceProtocol.equals(protocol) || !port.hasPort()) continue;
        for (io.svclab.api.v1.Endpoint ep : slice.getEndpointsList()) {
          if (ep.getAddressesCount() == 0) continue;
          EndpointState state = EndpointState.of(ep.getConditions());
          String node = ep.hasNodeName() ? ep.getNodeName() : "";
          Endpoint candidate = new Endpoint(ep.getAddresses(0), port.getPort(), node, state.ready(), state.serving(),
              state.terminating(),
              !node.isEmpty() && node.equals(nodeName));
          byAddress.merge(candidate.address(), candidate, (a, b) -> rank(b) > rank(a) ? b : a);
        }
      }
    }
    List<Endpoint> result = new ArrayList<>(byAddress.values());
    result.sort((a, b) -> a.address().compareTo(b.address()));
    return result;
  }

  /**
   * kube-proxy's MapCIDRsByIPFamily for IPv4: each entry trimmed (old Services may carry
   * {@code " 203.0.113.0/25"}), entries that are no IPv4 CIDR dropped, host bits cleared.
   */
  static List<String> sourceRanges(List<String> ranges) {
    List<String> out = new ArrayList<>();
    for (String raw : ranges) {
      String text = raw.trim();
      if (text.indexOf('/') < 0) continue;
      try {
        out.add(Ipv4Prefix.parse(text).toString());
      } catch (IllegalArgumentException notIpv4) {
        // an IPv6 range or garbage: not this proxier's family, as kube-proxy skips it
      }
    }
    return out;
  }

  private static int rank(Endpoint e) {
    return (e.ready() ? 2 : 0) + (e.serving() ? 1 : 0);
  }

  private static String key(Service s) {
    return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
  }
}
