package io.svclab.dns.records;

import java.util.Locale;

/** The DNS label of an endpoint, as CoreDNS' endpointHostname (endpoint_pod_names off). */
public final class EndpointLabels {
  private EndpointLabels() {}

  public static String of(String ip, String hostname) {
    if (hostname != null && !hostname.isEmpty()) {
      return hostname.toLowerCase(Locale.ROOT);
    }
    if (ip.indexOf(':') >= 0) {
      return ip.toLowerCase(Locale.ROOT).replace(':', '-'); // 5678:abcd::1 -> 5678-abcd--1
    }
    return ip.replace('.', '-');
  }
}
