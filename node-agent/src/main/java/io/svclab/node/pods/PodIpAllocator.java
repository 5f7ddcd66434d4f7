package io.svclab.node.pods;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Pod IPs from the node's podCIDR (IPv4): never the network address, the gateway {@code .1}
 * or the broadcast address; handed out lowest-free first, after the last one given (so a
 * released IP is not reused at once); re-adoptable by key after a restart.
 */
public final class PodIpAllocator {
  private final long network;
  private final int prefix;
  private final long size;
  private final TreeMap<Long, String> used = new TreeMap<>();
  private final Map<String, Long> byKey = new HashMap<>();
  private long next;

  public PodIpAllocator(String cidr) {
    int slash = cidr.indexOf('/');
    if (slash < 0) throw new IllegalArgumentException("not a CIDR: " + cidr);
    prefix = Integer.parseInt(cidr.substring(slash + 1));
    if (prefix < 8 || prefix > 30) throw new IllegalArgumentException("podCIDR prefix must be /8../30: " + cidr);
    size = 1L << (32 - prefix);
    network = toLong(cidr.substring(0, slash)) & ~(size - 1) & 0xffffffffL;
    next = 2;
  }

  public String cidr() { return toIp(network) + "/" + prefix; }

  public boolean contains(String ip) {
    try {
      long v = toLong(ip);
      return v >= network && v < network + size;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private boolean usable(long offset) {
    return offset >= 2 && offset < size - 1;
  }

  /** The IP held by {@code key}, or a new one; empty when the range is exhausted. */
  public synchronized Optional<String> allocate(String key) {
    Long held = byKey.get(key);
    if (held != null) return Optional.of(toIp(network + held));
    long capacity = size - 3;
    for (long k = 0; k < capacity; k++) {
      long offset = next + k;
      if (offset >= size - 1) offset = 2 + (offset - (size - 1)) % Math.max(1, capacity);
      if (usable(offset) && !used.containsKey(offset)) {
        used.put(offset, key);
        byKey.put(key, offset);
        next = offset + 1 >= size - 1 ? 2 : offset + 1;
        return Optional.of(toIp(network + offset));
      }
    }
    return Optional.empty();
  }

  /** Claims {@code ip} for {@code key} (re-adoption); false when it is outside the range or someone else's. */
  public synchronized boolean reserve(String key, String ip) {
    if (!contains(ip)) return false;
    long offset = toLong(ip) - network;
    if (!usable(offset)) return false;
    String owner = used.get(offset);
    if (owner != null && !owner.equals(key)) return false;
    Long previous = byKey.get(key);
    if (previous != null && previous != offset) used.remove(previous);
    used.put(offset, key);
    byKey.put(key, offset);
    return true;
  }

  public synchronized void release(String key) {
    Long offset = byKey.remove(key);
    if (offset != null) used.remove(offset);
  }

  public synchronized Optional<String> ipOf(String key) {
    return Optional.ofNullable(byKey.get(key)).map(o -> toIp(network + o));
  }

  public synchronized int inUse() { return used.size(); }

  static long toLong(String ip) {
    String[] p = ip.trim().split("\\.");
    if (p.length != 4) throw new IllegalArgumentException("not an IPv4 address: " + ip);
    long v = 0;
    for (String s : p) {
      int b = Integer.parseInt(s);
      if (b < 0 || b > 255) throw new IllegalArgumentException("not an IPv4 address: " + ip);
      v = (v << 8) | b;
    }
    return v;
  }

  static String toIp(long v) {
    return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
  }
}
