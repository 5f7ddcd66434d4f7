package io.svclab.cloudlb.ipam;

import io.svclab.net.allocation.AddressLeases;
import io.svclab.net.ip.Ipv4;
import io.svclab.net.ip.Ipv4Prefix;
import java.util.Optional;

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
  private final AddressLeases leases;

  private IpPool(String spec, long first, long last) {
    this.spec = spec;
    this.leases = new AddressLeases(first, last);
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
    Ipv4Prefix cidr = Ipv4Prefix.parse(s);
    if (cidr.length() <= 30) {
      return new IpPool(cidr.toString(), cidr.base() + 1, cidr.last() - 1);
    }
    return new IpPool(cidr.toString(), cidr.base(), cidr.last());
  }

  /** What the pool was configured as, for messages: {@code 127.100.0.0/24}. */
  @Override
  public String toString() { return spec; }

  public long capacity() { return leases.capacity(); }

  public int allocated() { return leases.used(); }

  public boolean contains(String ip) {
    return leases.contains(ip);
  }

  public Optional<String> ipOf(String owner) {
    return leases.addressOf(owner);
  }

  public Optional<String> ownerOf(String ip) {
    return leases.ownerOf(ip);
  }

  /** The lowest free address, if any. */
  public Optional<String> firstFree() {
    return leases.nextFree(0);
  }

  /** Whether {@code owner} may take {@code ip}: in the pool and free or already its own. */
  public boolean available(String ip, String owner) {
    return leases.available(ip, owner);
  }

  /**
   * Gives {@code ip} to {@code owner}, releasing any other address it held.
   *
   * @throws IllegalStateException if the address is outside the pool or owned by another
   */
  public void assign(String owner, String ip) {
    if (!leases.assign(owner, ip)) {
      throw new IllegalStateException(ip + " is not available to " + owner + " in pool " + spec);
    }
  }

  /** Frees the owner's address; returns it if it held one. */
  public Optional<String> release(String owner) {
    return leases.release(owner);
  }

  /** Forgets every assignment (leadership lost: the next leader re-adopts from Service status). */
  public void clear() {
    leases.clear();
  }
}
