package io.svclab.dns.records;

import java.util.List;

/**
 * One address of a Service's endpoints as DNS sees it.
 *
 * @param ip    the address (IPv4 or IPv6 text)
 * @param label the endpoint's DNS label: its hostname when set, else the address with dashes
 *              ({@code 172-0-0-2}, {@code 5678-abcd--1}); see {@link EndpointLabels}
 * @param ports the slice's ports (one {@link PortRecord#NONE} for a portless slice)
 */
public record EndpointRecord(String ip, String label, List<PortRecord> ports) {
  public EndpointRecord {
    ports = List.copyOf(ports);
  }

  public boolean isV6() {
    return ip.indexOf(':') >= 0;
  }
}
