package io.svclab.net.ip;

import java.util.OptionalLong;

/**
 * IPv4 addresses as unsigned 32-bit values in a {@code long}, for range arithmetic. Parsing is
 * {@link IpAddress#parse}'s (Kubernetes' rule) restricted to IPv4.
 */
public final class Ipv4 {
  private Ipv4() {}

  /** The value, or empty when {@code text} is not an IPv4 address. */
  public static OptionalLong tryParse(String text) {
    return IpAddress.parse(text).filter(IpAddress::isIpv4)
        .map(a -> OptionalLong.of(a.ipv4Value())).orElse(OptionalLong.empty());
  }

  /** @throws IllegalArgumentException {@code not an IPv4 address: TEXT} */
  public static long parse(String text) {
    OptionalLong v = tryParse(text);
    if (v.isEmpty()) throw new IllegalArgumentException("not an IPv4 address: " + text);
    return v.getAsLong();
  }

  public static boolean isValid(String text) {
    return tryParse(text).isPresent();
  }

  public static String format(long value) {
    return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
  }

  /** The value of a 4-byte address (a socket's peer), as {@link #parse} gives it. */
  public static long of(byte[] raw) {
    if (raw.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + raw.length + " bytes");
    return ((raw[0] & 255L) << 24) | ((raw[1] & 255L) << 16) | ((raw[2] & 255L) << 8) | (raw[3] & 255L);
  }
}
