package io.svclab.cloudlb.ipam;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The LoadBalancer address pool: which address belongs to which Service (owner key
 * {@code namespace/name}). Pure bookkeeping, no I/O; not thread-safe (the service
 * controller runs one worker).
 *
 * <p>The pool is a CIDR ({@code 127.100.0.0/24}: network and broadcast addresses are left
 * out for prefixes up to /30, as MetalLB's {@code avoidBuggyIPs}) or an inclusive range
 * ({@code 127.100.0.10-127.100.0.20}). Free addresses are handed out lowest first, so
 * assignments are predictable.
 */
public final class IpPool {
  private final String spec;
  private final long first;
  private final long last;
  private final TreeMap<Long, String> owners = new TreeMap<>();
  private final Map<String, Long> byOwner = new HashMap<>();

  private IpPool(String spec, long first, long last) {
    this.spec = spec;
    this.first = first;
    this.last = last;
  }

  public static IpPool parse(String spec) {
    String s = spec.trim();
    int dash = s.indexOf('-');
    if (dash > 0) {
      long a = Ipv4.parse(s.substring(0, dash));
      long b = Ipv4.parse(s.substring(dash + 1));
      if (b < a) {
        throw new IllegalArgumentException("invalid pool range " + spec + ": end before start");
      }
      return new IpPool(s, a, b);
    }
    Cidr cidr = Cidr.parse(s);
    if (cidr.prefix() <= 30) {
      return new IpPool(cidr.toString(), cidr.base() + 1, cidr.last() - 1);
    }
    return new IpPool(cidr.toString(), cidr.base(), cidr.last());
  }

  /** What the pool was configured as, for messages: {@code 127.100.0.0/24}. */
  @Override
  public String toString() { return spec; }

  public long capacity() { return last - first + 1; }

  public int allocated() { return owners.size(); }

  public boolean contains(String ip) {
    if (!Ipv4.isValid(ip)) return false;
    long v = Ipv4.parse(ip);
    return v >= first && v <= last;
  }

  public Optional<String> ipOf(String owner) {
    return Optional.ofNullable(byOwner.get(owner)).map(Ipv4::format);
  }

  public Optional<String> ownerOf(String ip) {
    if (!Ipv4.isValid(ip)) return Optional.empty();
    return Optional.ofNullable(owners.get(Ipv4.parse(ip)));
  }

  /** The lowest free address, if any. */
  public Optional<String> firstFree() {
    for (long v = first; v <= last; v++) {
      if (!owners.containsKey(v)) return Optional.of(Ipv4.format(v));
    }
    return Optional.empty();
  }

  /** Whether {@code owner} may take {@code ip}: in the pool and free or already its own. */
  public boolean available(String ip, String owner) {
    return contains(ip) && ownerOf(ip).map(owner::equals).orElse(true);
  }

  /**
   * Gives {@code ip} to {@code owner}, releasing any other address it held.
   *
   * @throws IllegalStateException if the address is outside the pool or owned by another
   */
  public void assign(String owner, String ip) {
    if (!available(ip, owner)) {
      throw new IllegalStateException(ip + " is not available to " + owner + " in pool " + spec);
    }
    release(owner);
    long v = Ipv4.parse(ip);
    owners.put(v, owner);
    byOwner.put(owner, v);
  }

  /** Frees the owner's address; returns it if it held one. */
  public Optional<String> release(String owner) {
    Long v = byOwner.remove(owner);
    if (v == null) return Optional.empty();
    owners.remove(v);
    return Optional.of(Ipv4.format(v));
  }

  /** Forgets every assignment (leadership lost: the next leader re-adopts from Service status). */
  public void clear() {
    owners.clear();
    byOwner.clear();
  }
}
