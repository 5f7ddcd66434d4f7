package io.svclab.endpoints;

import io.svclab.net.ip.IpAddress;
import java.util.Optional;

/** An EndpointSlice addressType that holds IPs, spelled as Kubernetes spells it. */
public enum AddressType {
  IPv4, IPv6;

  /**
   * The family of a literal IP, or empty when it is not one. Kubernetes' rule (utilnet
   * IsIPv6String over ParseIPSloppy): leading zeros are read as decimal, and an IPv4-mapped
   * IPv6 address is IPv4.
   */
  public static Optional<AddressType> of(String ip) {
    return IpAddress.parse(ip).map(a -> a.isIpv4() ? IPv4 : IPv6);
  }

  public boolean matches(String ip) {
    return of(ip).map(t -> t == this).orElse(false);
  }

  /** "IPv4" / "IPv6": the same spelling as Service.spec.ipFamilies. */
  public String wireName() {
    return name();
  }
}
