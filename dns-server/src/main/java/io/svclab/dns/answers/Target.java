package io.svclab.dns.answers;

import io.svclab.net.ip.IpAddress;

/**
 * One result of a name lookup, CoreDNS' msg.Service: an address or a name ({@code host}),
 * the port an SRV record would carry, and the domain the record belongs to (the SRV target,
 * e.g. {@code 172-0-0-2.hdls1.testns.svc.cluster.local.}).
 */
record Target(String host, int port, String domain, long ttl) {
  enum HostType { A, AAAA, CNAME }

  HostType hostType() {
    return IpAddress.parse(host).map(ip -> ip.isIpv4() ? HostType.A : HostType.AAAA).orElse(HostType.CNAME);
  }

  byte[] address() {
    return IpAddress.parse(host).map(IpAddress::bytes).orElse(null);
  }
}
