package io.svclab.dns.records;

import java.util.Locale;

/**
 * One named (or unnamed) port of a Service or of an endpoint: what SRV records are made of.
 * Name and protocol are kept lower-case, as CoreDNS compares them ({@code _http._tcp}).
 *
 * @param port -1 for an endpoint of a portless headless Service (CoreDNS' marker: A records
 *             only, never an SRV record)
 */
public record PortRecord(String name, String protocol, int port) {
  public static final PortRecord NONE = new PortRecord("", "", -1);

  public PortRecord {
    name = name == null ? "" : name.toLowerCase(Locale.ROOT);
    protocol = protocol == null || protocol.isEmpty() ? "tcp" : protocol.toLowerCase(Locale.ROOT);
    if (port == -1) {
      protocol = "";
    }
  }

  /** CoreDNS' matchPortAndProtocol: "*" (not asked) matches anything. */
  public boolean matches(String wantedPort, String wantedProtocol) {
    return ("*".equals(wantedPort) || wantedPort.equals(name))
        && ("*".equals(wantedProtocol) || wantedProtocol.equals(protocol));
  }
}
