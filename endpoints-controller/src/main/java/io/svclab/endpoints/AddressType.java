package io.svclab.endpoints;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An EndpointSlice addressType that holds IPs, spelled as Kubernetes spells it. */
public enum AddressType {
  IPv4, IPv6;

  private static final Pattern IPV4 =
      Pattern.compile("^(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}$");

  /**
   * The family of a literal IP, or empty when it is not one. Only strings with a colon reach
   * InetAddress, which parses those as IPv6 literals and never asks DNS.
   */
  public static Optional<AddressType> of(String ip) {
    if (ip == null || ip.isEmpty()) return Optional.empty();
    if (IPV4.matcher(ip).matches()) return Optional.of(IPv4);
    if (!ip.contains(":")) return Optional.empty();
    try {
      InetAddress.getByName(ip);
      return Optional.of(IPv6);
    } catch (UnknownHostException | SecurityException e) {
      return Optional.empty();
    }
  }

  public boolean matches(String ip) {
    return of(ip).map(t -> t == this).orElse(false);
  }

  /** "IPv4" / "IPv6": the same spelling as Service.spec.ipFamilies. */
  public String wireName() {
    return name();
  }
}
