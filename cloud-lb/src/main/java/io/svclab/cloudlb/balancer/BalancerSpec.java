package io.svclab.cloudlb.balancer;

import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.net.ip.Ipv4;
import io.svclab.net.ip.Ipv4Prefix;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What one Service's balancer listens on and forwards to: {@code ip:port} per Service port,
 * to the nodes' {@code nodePort}; for externalTrafficPolicy Local only to nodes whose
 * {@code healthCheckNodePort} answers 200; only clients in {@code sourceRanges} (empty = all).
 */
public record BalancerSpec(String key, String ip, List<PortSpec> ports, List<Ipv4Prefix> sourceRanges,
    boolean local, int healthCheckNodePort) {

  public record PortSpec(int port, String protocol, int nodePort) {}

  public static BalancerSpec of(String key, Service svc, String ip) {
    List<PortSpec> ports = svc.getSpec().getPortsList().stream()
        .map(p -> new PortSpec(p.getPort(), protocol(p), p.getNodePort())).toList();
    List<Ipv4Prefix> ranges = svc.getSpec().getLoadBalancerSourceRangesList().stream()
        .filter(r -> !r.isBlank()).map(Ipv4Prefix::parse).toList();
    boolean local = "Local".equals(svc.getSpec().getExternalTrafficPolicy());
    return new BalancerSpec(key, ip, ports, ranges, local, svc.getSpec().getHealthCheckNodePort());
  }

  private static String protocol(ServicePort p) {
    return p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
  }

  public boolean allows(long clientAddress) {
    return sourceRanges.isEmpty() || sourceRanges.stream().anyMatch(c -> c.contains(clientAddress));
  }

  /** A client socket address: IPv4 ones are checked against the ranges; the ranges are IPv4 only. */
  public boolean allows(InetSocketAddress client) {
    byte[] raw = client.getAddress().getAddress();
    return raw.length != 4 || allows(Ipv4.of(raw));
  }
}
