package io.svclab.dns.records;

import java.util.List;

/**
 * A Service as DNS needs it, immutable.
 *
 * @param clusterIPs   the ClusterIPs; empty for headless and ExternalName Services
 * @param externalName the ExternalName target (no trailing dot), "" unless type ExternalName
 * @param endpoints    the addresses DNS publishes: ready ones, plus not-ready ones when the
 *                     Service sets publishNotReadyAddresses (used for headless Services and
 *                     for endpoint-name queries)
 */
public record ServiceRecord(String namespace, String name, Kind kind, List<String> clusterIPs,
    List<PortRecord> ports, String externalName, List<EndpointRecord> endpoints) {

  public enum Kind { CLUSTER_IP, HEADLESS, EXTERNAL_NAME }

  public ServiceRecord {
    clusterIPs = List.copyOf(clusterIPs);
    ports = List.copyOf(ports);
    endpoints = List.copyOf(endpoints);
  }

  public ServiceRecord withEndpoints(List<EndpointRecord> newEndpoints) {
    return new ServiceRecord(namespace, name, kind, clusterIPs, ports, externalName, newEndpoints);
  }

  public String key() {
    return RecordIndex.key(namespace, name);
  }
}
