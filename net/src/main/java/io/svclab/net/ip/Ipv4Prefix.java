package io.svclab.net.ip;

/**
 * An IPv4 prefix with its host bits cleared ({@code 127.244.1.7/24} is {@code 127.244.1.0/24}).
 * A bare address is a /32, so one flag or field can name a single source or a range.
 */
public record Ipv4Prefix(long base, int length) {
  public Ipv4Prefix {
    if (length < 0 || length > 32) throw new IllegalArgumentException("invalid prefix length " + length);
    base = base & mask(length);
  }

  /** @throws IllegalArgumentException {@code invalid CIDR address: TEXT} (Go's ParseCIDR wording) */
  public static Ipv4Prefix parse(String text) {
    if (text != null && text.indexOf('/') < 0 && Ipv4.isValid(text)) {
      return new Ipv4Prefix(Ipv4.parse(text), 32);
    }
    IpPrefix p = IpPrefix.parse(text).filter(x -> x.address().isIpv4() && x.length() <= 32)
        .orElseThrow(() -> new IllegalArgumentException("invalid CIDR address: " + text));
    return new Ipv4Prefix(p.address().ipv4Value(), p.length());
  }

  static long mask(int length) {
    return length == 0 ? 0 : (0xFFFFFFFFL << (32 - length)) & 0xFFFFFFFFL;
  }

  /** How many addresses the prefix spans. */
  public long size() {
    return 1L << (32 - length);
  }

  public long last() {
    return base + size() - 1;
  }

  public boolean contains(long address) {
    return (address & mask(length)) == base;
  }

  /** False for anything that is not an IPv4 address. */
  public boolean contains(String address) {
    var v = Ipv4.tryParse(address);
    return v.isPresent() && contains(v.getAsLong());
  }

  @Override
  public String toString() {
    return Ipv4.format(base) + "/" + length;
  }
}
