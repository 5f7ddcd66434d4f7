package io.svclab.apiserver.validation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IP address parsed the way Kubernetes' netutils.ParseIPSloppy does (IPv4 octets may carry
 * leading zeros). Parsing never touches DNS: only literal syntax is accepted.
 */
public record IpAddress(byte[] bytes) {
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  public static Optional<IpAddress> parse(String s) {
    var m = IPV4.matcher(s);
    if (m.matches()) {
      byte[] b = new byte[4];
      for (int i = 0; i < 4; i++) {
        int octet = Integer.parseInt(m.group(i + 1));
        if (octet > 255) {
          return Optional.empty();
        }
        b[i] = (byte) octet;
      }
      return Optional.of(new IpAddress(b));
    }
    // The JDK parses a string that starts with a hex digit or ':' and contains ':' as an IPv6
    // literal or rejects it; only such strings reach it, so nothing is ever looked up in DNS.
    if (!s.contains(":") || !IPV6_CHARS.matcher(s).matches()) {
      return Optional.empty();
    }
    try {
      InetAddress a = InetAddress.getByName(s);
      return Optional.of(new IpAddress(a.getAddress()));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** IPv4, including IPv4-mapped IPv6 (Go's To4() != nil). */
  public boolean isIpv4() {
    return bytes.length == 4;
  }

  public boolean isUnspecified() {
    for (byte b : bytes) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  public boolean isLoopback() {
    if (isIpv4()) {
      return (bytes[0] & 0xFF) == 127;
    }
    for (int i = 0; i < 15; i++) {
      if (bytes[i] != 0) {
        return false;
      }
    }
    return bytes[15] == 1;
  }

  public boolean isLinkLocalUnicast() {
    if (isIpv4()) {
      return (bytes[0] & 0xFF) == 169 && (bytes[1] & 0xFF) == 254;
    }
    return (bytes[0] & 0xFF) == 0xfe && (bytes[1] & 0xC0) == 0x80;
  }

  public boolean isLinkLocalMulticast() {
    if (isIpv4()) {
      return (bytes[0] & 0xFF) == 224 && bytes[1] == 0 && bytes[2] == 0;
    }
    return (bytes[0] & 0xFF) == 0xff && (bytes[1] & 0x0F) == 0x02;
  }
}
