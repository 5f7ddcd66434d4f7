package io.svclab.apiserver.allocation;

import io.svclab.net.ip.Ipv4;
import io.svclab.net.ip.Ipv4Prefix;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * ClusterIPs from the service CIDR (IPv4). The network and broadcast addresses are never
 * handed out. Thread-safe: the apiserver's write handlers call it concurrently. The taken set
 * lives in a {@link RangeState}: this process's memory, or the store shared by every apiserver.
 */
public final class ClusterIpAllocator implements ValueRange {
  private final String cidr;
  private final long base;
  private final int size;
  private final int staticBand;
  private final RandomGenerator random;
  private final RangeState state;

  /** Taken set in this process only. */
  public ClusterIpAllocator(String cidr, RandomGenerator random) {
    this(cidr, random, LocalRange::new);
  }

  /** Taken set where {@code state} (given the range's size) keeps it. */
  public ClusterIpAllocator(String cidr, RandomGenerator random, Function<Integer, RangeState> state) {
    this.cidr = cidr;
    Ipv4Prefix range = Ipv4Prefix.parse(cidr);
    if (range.length() < 8 || range.length() > 30) {
      throw new IllegalArgumentException("service CIDR " + cidr + " must be between /8 and /30");
    }
    this.base = range.base() + 1;
    this.size = (int) (range.size() - 2);
    // Kubernetes: min(max(16, size/16), 256) addresses at the bottom are the static band
    this.staticBand = Math.min(Math.max(16, size / 16), 256);
    this.random = random;
    this.state = state.apply(size);
  }

  private ClusterIpAllocator(ClusterIpAllocator from, RangeState state) {
    this.cidr = from.cidr;
    this.base = from.base;
    this.size = from.size;
    this.staticBand = from.staticBand;
    this.random = from.random;
    this.state = state;
  }

  /** An allocator over a scratch copy of the taken set, for a dry run: nothing it takes is kept. */
  public ClusterIpAllocator preview() {
    return new ClusterIpAllocator(this, state.copy());
  }

  public String cidr() { return cidr; }

  @Override
  public String rangeText() { return cidr; }

  @Override
  public RangeState state() { return state; }

  public String allocateNext() throws AllocationException {
    int offset = state.change(bitmap -> {
      int taken = bitmap.takeRandom(staticBand, random);
      if (taken < 0) {
        throw new AllocationException(AllocationException.Reason.RANGE_FULL, "range is full");
      }
      return taken;
    });
    return valueAt(offset);
  }

  public void allocate(String ip) throws AllocationException {
    int offset = offsetOf(ip);
    if (offset < 0) {
      throw new AllocationException(AllocationException.Reason.NOT_IN_RANGE,
          "the provided IP (" + ip + ") is not in the valid range. The range of valid IPs is " + cidr);
    }
    state.change(bitmap -> {
      if (!bitmap.take(offset)) {
        throw new AllocationException(AllocationException.Reason.ALREADY_ALLOCATED, "provided IP is already allocated");
      }
      return offset;
    });
  }

  public void release(String ip) {
    int offset = offsetOf(ip);
    if (offset >= 0) {
      try {
        state.change(bitmap -> {
          bitmap.release(offset);
          return offset;
        });
      } catch (AllocationException e) {
        throw new IllegalStateException("releasing never refuses", e);
      }
    }
  }

  public boolean isAllocated(String ip) {
    int offset = offsetOf(ip);
    return offset >= 0 && state.read(bitmap -> bitmap.isTaken(offset));
  }

  public boolean contains(String ip) {
    return offsetOf(ip) >= 0;
  }

  public int used() { return state.read(bitmap -> bitmap.used()); }

  @Override
  public int size() { return size; }

  @Override
  public int offsetOf(String ip) {
    OptionalLong v = Ipv4.tryParse(ip);
    if (v.isEmpty()) {
      return -1;
    }
    long off = v.getAsLong() - base;
    return off >= 0 && off < size ? (int) off : -1;
  }

  @Override
  public String valueAt(int offset) {
    return Ipv4.format(base + offset);
  }
}
