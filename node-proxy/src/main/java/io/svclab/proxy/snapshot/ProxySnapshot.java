package io.svclab.proxy.snapshot;

import java.util.List;
import java.util.Map;

/**
 * The whole proxy state at one instant: every proxyable Service port with its endpoints, and
 * the health checks this node must answer. Built by {@link SnapshotBuilder}, applied by a
 * proxier; never mutated.
 *
 * @param skipped human-readable reasons for Service ports that were left out (SCTP, ...)
 */
public record ProxySnapshot(List<ServicePortInfo> servicePorts, Map<String, HealthCheck> healthChecks,
    List<String> skipped) {

  public static final ProxySnapshot EMPTY = new ProxySnapshot(List.of(), Map.of(), List.of());

  public ProxySnapshot {
    servicePorts = List.copyOf(servicePorts);
    healthChecks = Map.copyOf(healthChecks);
    skipped = List.copyOf(skipped);
  }

  /**
   * A LoadBalancer + externalTrafficPolicy Local Service's health check on this node.
   *
   * @param localEndpoints ready endpoints of the Service on this node (distinct addresses)
   */
  public record HealthCheck(String namespace, String name, int port, int localEndpoints) {}
}
