package io.svclab.dns.answers;

import io.svclab.dns.records.IpText;

/**
 * One result of a name lookup, CoreDNS' msg.Service: an address or a name ({@code host}),
 * the port an SRV record would carry, and the domain the record belongs to (the SRV target,
 * e.g. {@code 172-0-0-2.hdls1.testns.svc.cluster.local.}).
 */
record Target(String host, int port, String domain, long ttl) {
  enum HostType { A, AAAA, CNAME }

  HostType hostType() {
    byte[] raw = IpText.parse(host);
    if (raw == null) return HostType.CNAME;
    return raw.length == 4 ? HostType.A : HostType.AAAA;
  }

  byte[] address() {
    return IpText.parse(host);
  }
}
