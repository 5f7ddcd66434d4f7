package io.svclab.node.pods;

import io.svclab.net.allocation.AddressLeases;
import io.svclab.net.ip.Ipv4Prefix;
import java.util.Optional;

/**
 * Pod IPs from the node's podCIDR (IPv4): never the network address, the gateway {@code .1}
 * or the broadcast address; handed out lowest-free first, after the last one given (so a
 * released IP is not reused at once); re-adoptable by key after a restart.
 */
public final class PodIpAllocator {
  private final Ipv4Prefix range;
  private final AddressLeases leases;
  private int next;

  public PodIpAllocator(String cidr) {
    if (cidr.indexOf('/') < 0) throw new IllegalArgumentException("not a CIDR: " + cidr);
    range = Ipv4Prefix.parse(cidr);
    if (range.length() < 8 || range.length() > 30) {
      throw new IllegalArgumentException("podCIDR prefix must be /8../30: " + cidr);
    }
    leases = new AddressLeases(range.base() + 2, range.last() - 1);
  }

  public String cidr() { return range.toString(); }

  public boolean contains(String ip) {
    return range.contains(ip);
  }

  /** The IP held by {@code key}, or a new one; empty when the range is exhausted. */
  public synchronized Optional<String> allocate(String key) {
    Optional<String> held = leases.addressOf(key);
    if (held.isPresent()) return held;
    Optional<String> free = leases.nextFree(next);
    free.ifPresent(ip -> {
      leases.assign(key, ip);
      next = leases.offsetOf(ip) + 1;
    });
    return free;
  }

  /** Claims {@code ip} for {@code key} (re-adoption); false when it is outside the range or someone else's. */
  public synchronized boolean reserve(String key, String ip) {
    return leases.assign(key, ip);
  }

  public synchronized void release(String key) {
    leases.release(key);
  }

  public synchronized Optional<String> ipOf(String key) {
    return leases.addressOf(key);
  }

  public synchronized int inUse() { return leases.used(); }
}
