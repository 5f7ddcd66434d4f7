package io.svclab.cloudlb.ipam;

/**
 * An IPv4 prefix ({@code 127.100.0.0/24}); a bare address is a /32. Used for the pool and
 * for {@code loadBalancerSourceRanges}.
 */
public record Cidr(long base, int prefix) {
  public Cidr {
    if (prefix < 0 || prefix > 32) {
      throw new IllegalArgumentException("invalid prefix length " + prefix);
    }
    base = base & mask(prefix);
  }

  public static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    try {
      long addr = Ipv4.parse(slash < 0 ? t : t.substring(0, slash));
      int prefix = slash < 0 ? 32 : Integer.parseInt(t.substring(slash + 1));
      return new Cidr(addr, prefix);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid CIDR address: " + text, e);
    }
  }

  static long mask(int prefix) {
    return prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
  }

  public long size() {
    return 1L << (32 - prefix);
  }

  public long last() {
    return base + size() - 1;
  }

  public boolean contains(long address) {
    return (address & mask(prefix)) == base;
  }

  public boolean contains(String address) {
    try {
      return contains(Ipv4.parse(address));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return Ipv4.format(base) + "/" + prefix;
  }
}
