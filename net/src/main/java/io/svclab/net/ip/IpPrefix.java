package io.svclab.net.ip;

import java.util.Optional;

/**
 * A CIDR ({@code 10.96.0.0/12}, {@code 2001:db8::/64}) read as Kubernetes' {@code ParseCIDRSloppy}
 * does: an {@link IpAddress} literal, a slash and a decimal length no longer than the family's
 * bits. The address keeps its host bits (Go's ParseCIDR returns both); {@link Ipv4Prefix} masks.
 */
public record IpPrefix(IpAddress address, int length) {
  public static Optional<IpPrefix> parse(String text) {
    if (text == null) return Optional.empty();
    int slash = text.indexOf('/');
    if (slash < 0) return Optional.empty();
    Optional<IpAddress> ip = IpAddress.parse(text.substring(0, slash));
    String bits = text.substring(slash + 1);
    if (ip.isEmpty() || bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int length = Integer.parseInt(bits);
    // an IPv4-mapped address written in IPv6 form keeps IPv6's 128 bits, as in Go
    int max = ip.get().isIpv4() && text.indexOf(':') < 0 ? 32 : 128;
    return length <= max ? Optional.of(new IpPrefix(ip.get(), length)) : Optional.empty();
  }

  public static boolean isValid(String text) {
    return parse(text).isPresent();
  }
}
