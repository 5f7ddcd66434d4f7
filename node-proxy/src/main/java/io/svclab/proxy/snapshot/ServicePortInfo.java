package io.svclab.proxy.snapshot;

import java.time.Duration;
import java.util.List;

/**
 * Everything a proxier needs about one Service port: where it listens and which endpoints are
 * behind it. Immutable.
 *
 * @param nodePort            0 unless the Service is NodePort or LoadBalancer
 * @param loadBalancerIps     {@code status.loadBalancer.ingress[].ip} not claimed by a cloud proxy
 * @param healthCheckNodePort non-zero only for LoadBalancer + externalTrafficPolicy Local
 * @param affinityTimeout     null unless {@code sessionAffinity: ClientIP}
 * @param endpoints           every endpoint of the matching slice port, whatever its conditions
 * @param loadBalancerSourceRanges {@code spec.loadBalancerSourceRanges} that parse as IPv4 CIDRs,
 *                            normalized ({@code 203.0.113.7/25} is {@code 203.0.113.0/25}); the
 *                            userspace proxier ignores them, the iptables renderer builds KUBE-FW from them
 */
public record ServicePortInfo(
    ServicePortName name, String clusterIp, int port, String protocol, int nodePort,
    List<String> externalIps, List<String> loadBalancerIps,
    boolean externalPolicyLocal, boolean internalPolicyLocal, int healthCheckNodePort,
    Duration affinityTimeout, List<Endpoint> endpoints, List<String> loadBalancerSourceRanges) {

  public ServicePortInfo {
    externalIps = List.copyOf(externalIps);
    loadBalancerIps = List.copyOf(loadBalancerIps);
    endpoints = List.copyOf(endpoints);
    loadBalancerSourceRanges = List.copyOf(loadBalancerSourceRanges);
  }

  /** A port without source ranges (what most callers build). */
  public ServicePortInfo(ServicePortName name, String clusterIp, int port, String protocol, int nodePort,
      List<String> externalIps, List<String> loadBalancerIps, boolean externalPolicyLocal, boolean internalPolicyLocal,
      int healthCheckNodePort, Duration affinityTimeout, List<Endpoint> endpoints) {
    this(name, clusterIp, port, protocol, nodePort, externalIps, loadBalancerIps, externalPolicyLocal,
        internalPolicyLocal, healthCheckNodePort, affinityTimeout, endpoints, List.of());
  }

  /** Reachable from outside the cluster network: NodePort, LoadBalancer IPs or externalIPs. */
  public boolean externallyAccessible() {
    return nodePort > 0 || !loadBalancerIps.isEmpty() || !externalIps.isEmpty();
  }

  /** kube-proxy's UsesClusterEndpoints: some traffic to this port is routed cluster-wide. */
  public boolean usesClusterEndpoints() {
    return !internalPolicyLocal || (externallyAccessible() && !externalPolicyLocal);
  }

  /** kube-proxy's UsesLocalEndpoints: some traffic to this port is routed to this node only. */
  public boolean usesLocalEndpoints() {
    return internalPolicyLocal || (externallyAccessible() && externalPolicyLocal);
  }

  public boolean clientIpAffinity() {
    return affinityTimeout != null;
  }

  public ServicePortInfo withEndpoints(List<Endpoint> replacement) {
    return new ServicePortInfo(name, clusterIp, port, protocol, nodePort, externalIps, loadBalancerIps,
        externalPolicyLocal, internalPolicyLocal, healthCheckNodePort, affinityTimeout, replacement,
        loadBalancerSourceRanges);
  }
}
