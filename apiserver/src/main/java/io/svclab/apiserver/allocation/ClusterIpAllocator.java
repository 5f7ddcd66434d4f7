package io.svclab.apiserver.allocation;

import io.svclab.net.ip.Ipv4;
import io.svclab.net.ip.Ipv4Prefix;
import java.util.OptionalLong;
import io.svclab.net.allocation.RangeBitmap;
import java.util.random.RandomGenerator;

/**
 * ClusterIPs from the service CIDR (IPv4). The network and broadcast addresses are never
 * handed out. Thread-safe: the apiserver's write handlers call it concurrently.
 */
public final class ClusterIpAllocator {
  private final String cidr;
  private final long base;
  private final RangeBitmap bitmap;
  private final int staticBand;
  private final RandomGenerator random;

  public ClusterIpAllocator(String cidr, RandomGenerator random) {
    this.cidr = cidr;
    Ipv4Prefix range = Ipv4Prefix.parse(cidr);
    if (range.length() < 8 || range.length() > 30) {
      throw new IllegalArgumentException("service CIDR " + cidr + " must be between /8 and /30");
    }
    this.base = range.base() + 1;
    int size = (int) (range.size() - 2);
    // Kubernetes: min(max(16, size/16), 256) addresses at the bottom are the static band
    this.bitmap = new RangeBitmap(size);
    this.staticBand = Math.min(Math.max(16, size / 16), 256);
    this.random = random;
  }

  public String cidr() { return cidr; }

  public synchronized String allocateNext() throws AllocationException {
    int offset = bitmap.takeRandom(staticBand, random);
    if (offset < 0) {
      throw new AllocationException(AllocationException.Reason.RANGE_FULL, "range is full");
    }
    return Ipv4.format(base + offset);
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
    OptionalLong v = Ipv4.tryParse(ip);
    if (v.isEmpty()) {
      return -1;
    }
    long off = v.getAsLong() - base;
    return off >= 0 && off < bitmap.size() ? (int) off : -1;
  }
}
