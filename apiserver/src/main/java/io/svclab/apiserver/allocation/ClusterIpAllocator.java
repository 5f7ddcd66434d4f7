package io.svclab.apiserver.allocation;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.random.RandomGenerator;

/**
 * ClusterIPs from the service CIDR (IPv4). The network and broadcast addresses are never
 * handed out. Thread-safe: the apiserver's write handlers call it concurrently.
 */
public final class ClusterIpAllocator {
  private final String cidr;
  private final long base;
  private final OffsetBitmap bitmap;

  public ClusterIpAllocator(String cidr, RandomGenerator random) {
    this.cidr = cidr;
    String[] parts = cidr.split("/");
    int prefix = Integer.parseInt(parts[1]);
    if (prefix < 8 || prefix > 30) {
      throw new IllegalArgumentException("service CIDR " + cidr + " must be between /8 and /30");
    }
    long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
    this.base = (toLong(parts[0]) & mask) + 1;
    int size = (int) ((1L << (32 - prefix)) - 2);
    // Kubernetes: min(max(16, size/16), 256) addresses at the bottom are the static band
    this.bitmap = new OffsetBitmap(size, Math.min(Math.max(16, size / 16), 256), random);
  }

  public String cidr() { return cidr; }

  public synchronized String allocateNext() throws AllocationException {
    int offset = bitmap.takeAny();
    if (offset < 0) {
      throw new AllocationException(AllocationException.Reason.RANGE_FULL, "range is full");
    }
    return toIp(base + offset);
  }

  public synchronized void allocate(String ip) throws AllocationException {
    int offset = offsetOf(ip);
    if (offset < 0) {
      throw new AllocationException(AllocationException.Reason.NOT_IN_RANGE,
          "the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + cidr);
    }
    if (!bitmap.take(offset)) {
      throw new AllocationException(AllocationException.Reason.ALREADY_ALLOCATED, "provided IP is already allocated");
    }
  }

  public synchronized void release(String ip) {
    int offset = offsetOf(ip);
    if (offset >= 0) {
      bitmap.release(offset);
    }
  }

  public synchronized boolean isAllocated(String ip) {
    int offset = offsetOf(ip);
    return offset >= 0 && bitmap.isTaken(offset);
  }

  public boolean contains(String ip) {
    return offsetOf(ip) >= 0;
  }

  public synchronized int used() { return bitmap.used(); }

  public int size() { return bitmap.size(); }

  private int offsetOf(String ip) {
    long v;
    try {
      v = toLong(ip);
    } catch (IllegalArgumentException e) {
      return -1;
    }
    long off = v - base;
    return off >= 0 && off < bitmap.size() ? (int) off : -1;
  }

  static long toLong(String ip) {
    try {
      byte[] b = InetAddress.getByName(ip).getAddress();
      if (b.length != 4 || !ip.matches("[0-9.]+")) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip, e);
    }
  }

  static String toIp(long v) {
    return ((v >> 24) & 0xFF) + "." + ((v >> 16) & 0xFF) + "." + ((v >> 8) & 0xFF) + "." + (v & 0xFF);
  }
}
