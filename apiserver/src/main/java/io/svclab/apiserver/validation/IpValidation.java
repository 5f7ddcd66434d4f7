package io.svclab.apiserver.validation;

import io.svclab.net.ip.IpAddress;
import io.svclab.net.ip.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** IP and CIDR checks with Kubernetes' messages (util/validation/ip.go, ValidateNonSpecialIP). */
public final class IpValidation {
  private IpValidation() {}

  public static List<FieldError> ip(FieldPath path, String value) {
    return IpAddress.parse(value).isPresent() ? List.of()
        : List.of(FieldError.invalid(path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
  }

  public static List<FieldError> ipv4(FieldPath path, String value) {
    return IpAddress.parse(value).filter(IpAddress::isIpv4).isPresent() ? List.of()
        : List.of(FieldError.invalid(path, value, "must be a valid IPv4 address"));
  }

  public static List<FieldError> ipv6(FieldPath path, String value) {
    return IpAddress.parse(value).filter(a -> !a.isIpv4()).isPresent() ? List.of()
        : List.of(FieldError.invalid(path, value, "must be a valid IPv6 address"));
  }

  public static List<FieldError> cidr(FieldPath path, String value) {
    return isCidr(value) ? List.of()
        : List.of(FieldError.invalid(path, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"));
  }

  public static boolean isCidr(String value) {
    return IpPrefix.isValid(value);
  }

  /**
   * ValidateNonSpecialIP, used for externalIPs and endpoint addresses, minus its loopback rule:
   * svclab's local lab puts nodes, pods and external IPs in 127.0.0.0/8 (ARCHITECTURE.md, Addresses), so a
   * loopback address is a real endpoint here, not the nonsense it is on a cluster.
   */
  public static List<FieldError> nonSpecialIp(FieldPath path, String value) {
    Optional<IpAddress> parsed = IpAddress.parse(value);
    if (parsed.isEmpty()) {
      return List.of(FieldError.invalid(path, value, "must be a valid IP address"));
    }
    IpAddress ip = parsed.get();
    List<FieldError> errs = new ArrayList<>();
    if (ip.isUnspecified()) {
      errs.add(FieldError.invalid(path, value, "may not be unspecified (" + value + ")"));
    }
    if (ip.isLinkLocalUnicast()) {
      errs.add(FieldError.invalid(path, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    }
    if (ip.isLinkLocalMulticast()) {
      errs.add(FieldError.invalid(path, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    }
    return errs;
  }
}
