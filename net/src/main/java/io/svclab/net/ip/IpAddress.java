package io.svclab.net.ip;

import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * An IP literal read the way Kubernetes reads one (k8s.io/utils/net {@code ParseIPSloppy}, the
 * parser behind the apiserver's {@code IsValidIP} and kube-proxy): IPv4 octets are decimal and
 * may carry leading zeros ({@code 010.0.0.1} is 10.0.0.1, kept for data stored before Go 1.17,
 * kubernetes/kubernetes#100895); no trailing dot, no empty octet, no zone ({@code fe80::1%lo}),
 * no brackets, no surrounding spaces. An IPv4-mapped IPv6 address ({@code ::ffff:1.2.3.4}) is
 * IPv4, as Go's {@code To4()} says. Never touches DNS: Guava's {@link InetAddresses} does the
 * IPv6 syntax and the formatting.
 */
public record IpAddress(InetAddress inet) {
  /** The address, or empty when {@code text} is not an IP literal by Kubernetes' rule. */
  public static Optional<IpAddress> parse(String text) {
    if (text == null || text.isEmpty()) return Optional.empty();
    if (text.indexOf(':') < 0) {
      long v4 = sloppyIpv4(text);
      return v4 < 0 ? Optional.empty() : Optional.of(new IpAddress(InetAddresses.fromInteger((int) v4)));
    }
    // IPv6: only the trailing dotted quad (::ffff:1.2.3.4) may carry leading zeros; Guava rejects
    // them, so that part is rewritten to its plain form first. A zone (%) is never a literal here.
    if (text.indexOf('%') >= 0 || text.indexOf('[') >= 0) return Optional.empty();
    String literal = text;
    int lastColon = text.lastIndexOf(':');
    if (text.indexOf('.', lastColon) >= 0) {
      long tail = sloppyIpv4(text.substring(lastColon + 1));
      if (tail < 0) return Optional.empty();
      literal = text.substring(0, lastColon + 1) + Ipv4.format(tail);
    }
    if (!InetAddresses.isInetAddress(literal)) return Optional.empty();
    return Optional.of(new IpAddress(InetAddresses.forString(literal)));
  }

  /** Whether {@code text} is an IP literal (Kubernetes' {@code IsValidIP}). */
  public static boolean isValid(String text) {
    return parse(text).isPresent();
  }

  /**
   * Dotted quad with decimal octets (leading zeros allowed, as Go's parser before 1.17 and
   * ParseIPSloppy), as an unsigned 32-bit value; -1 when it is not one.
   */
  static long sloppyIpv4(String text) {
    long value = 0;
    int octets = 0;
    int i = 0;
    int n = text.length();
    while (octets < 4) {
      if (octets > 0) {
        if (i >= n || text.charAt(i) != '.') return -1;
        i++;
      }
      int start = i;
      int octet = 0;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        octet = octet * 10 + (text.charAt(i) - '0');
        if (octet > 255) return -1;
        i++;
      }
      if (i == start) return -1;
      value = (value << 8) | octet;
      octets++;
    }
    return i == n ? value : -1;
  }

  /** IPv4, including IPv4-mapped IPv6 (Go's {@code To4() != nil}). */
  public boolean isIpv4() {
    return inet instanceof Inet4Address;
  }

  /** 4 bytes for IPv4, 16 for IPv6. */
  public byte[] bytes() {
    return inet.getAddress();
  }

  /** The IPv4 value as an unsigned 32-bit number; only for {@link #isIpv4()} addresses. */
  public long ipv4Value() {
    if (!isIpv4()) throw new IllegalStateException("not an IPv4 address: " + this);
    return InetAddresses.coerceToInteger(inet) & 0xFFFFFFFFL;
  }

  public boolean isUnspecified() {
    return inet.isAnyLocalAddress();
  }

  public boolean isLoopback() {
    return inet.isLoopbackAddress();
  }

  /** 169.254.0.0/16, fe80::/10. */
  public boolean isLinkLocalUnicast() {
    return inet.isLinkLocalAddress();
  }

  /** 224.0.0.0/24, ff02::/16 (Go's {@code IsLinkLocalMulticast}). */
  public boolean isLinkLocalMulticast() {
    byte[] b = bytes();
    if (b.length == 4) return (b[0] & 0xFF) == 224 && b[1] == 0 && b[2] == 0;
    return (b[0] & 0xFF) == 0xff && (b[1] & 0x0F) == 0x02;
  }

  /** Eight groups of four hex digits for IPv6 (the form DNS reverse names are built from); a dotted quad for IPv4. */
  public String expanded() {
    byte[] raw = bytes();
    if (raw.length == 4) return toString();
    StringBuilder sb = new StringBuilder(39);
    for (int i = 0; i < 16; i += 2) {
      if (i > 0) sb.append(':');
      sb.append(String.format("%04x", ((raw[i] & 0xff) << 8) | (raw[i + 1] & 0xff)));
    }
    return sb.toString();
  }

  /** The canonical text: a plain dotted quad, or RFC 5952 IPv6 (as Go's {@code IP.String()}). */
  @Override
  public String toString() {
    return InetAddresses.toAddrString(inet);
  }
}
