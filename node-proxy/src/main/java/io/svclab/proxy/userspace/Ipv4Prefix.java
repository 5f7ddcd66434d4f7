package io.svclab.proxy.userspace;

/** An IPv4 prefix such as {@code 127.244.0.0/16} (a bare address is a /32). */
public record Ipv4Prefix(long base, int length) {
  public Ipv4Prefix {
    if (length < 0 || length > 32) throw new IllegalArgumentException("invalid prefix length " + length);
    base = base & mask(length);
  }

  public static Ipv4Prefix parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    try {
      return new Ipv4Prefix(address(slash < 0 ? t : t.substring(0, slash)),
          slash < 0 ? 32 : Integer.parseInt(t.substring(slash + 1)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid CIDR address: " + text, e);
    }
  }

  /** Dotted quad -> 32-bit value; anything else (IPv6, names) is not an IPv4 address. */
  static long address(String dotted) {
    String[] parts = dotted.split("\\.", -1);
    if (parts.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
    long value = 0;
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      }
      int octet = Integer.parseInt(p);
      if (octet > 255) throw new IllegalArgumentException("not an IPv4 address: " + dotted);
      value = (value << 8) | octet;
    }
    return value;
  }

  public boolean contains(String ip) {
    try {
      return (address(ip) & mask(length)) == base;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static long mask(int length) {
    return length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
  }

  @Override
  public String toString() {
    return ((base >> 24) & 255) + "." + ((base >> 16) & 255) + "." + ((base >> 8) & 255) + "." + (base & 255) + "/" + length;
  }
}
