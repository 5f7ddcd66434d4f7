package io.svclab.apiserver.allocation;

import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * NodePorts (and healthCheckNodePorts) from one port range, 30000-32767 by default. Thread-safe.
 * The taken set lives in a {@link RangeState}: this process's memory, or the shared store.
 */
public final class NodePortAllocator implements ValueRange {
  private final int first;
  private final int last;
  private final int staticBand;
  private final RandomGenerator random;
  private final RangeState state;

  /** Taken set in this process only. */
  public NodePortAllocator(int first, int last, RandomGenerator random) {
    this(first, last, random, LocalRange::new);
  }

  /** Taken set where {@code state} (given the range's size) keeps it. */
  public NodePortAllocator(int first, int last, RandomGenerator random, Function<Integer, RangeState> state) {
    if (first < 1 || last > 65535 || first > last) {
      throw new IllegalArgumentException("invalid node port range " + first + "-" + last);
    }
    this.first = first;
    this.last = last;
    int size = last - first + 1;
    // Kubernetes: min(max(16, size/32), 128) ports at the bottom are the static band
    this.staticBand = Math.min(Math.max(16, size / 32), 128);
    this.random = random;
    this.state = state.apply(size);
  }

  private NodePortAllocator(NodePortAllocator from, RangeState state) {
    this.first = from.first;
    this.last = from.last;
    this.staticBand = from.staticBand;
    this.random = from.random;
    this.state = state;
  }

  /** An allocator over a scratch copy of the taken set, for a dry run: nothing it takes is kept. */
  public NodePortAllocator preview() {
    return new NodePortAllocator(this, state.copy());
  }

  public int first() { return first; }

  public int last() { return last; }

  @Override
  public String rangeText() { return first + "-" + last; }

  @Override
  public RangeState state() { return state; }

  @Override
  public int size() { return last - first + 1; }

  public int allocateNext() throws AllocationException {
    return first + state.change(bitmap -> {
      int offset = bitmap.takeRandom(staticBand, random);
      if (offset < 0) {
        throw new AllocationException(AllocationException.Reason.RANGE_FULL, "range is full");
      }
      return offset;
    });
  }

  public void allocate(int port) throws AllocationException {
    if (port < first || port > last) {
      throw new AllocationException(AllocationException.Reason.NOT_IN_RANGE,
          "provided port is not in the valid range. The range of valid ports is " + rangeText());
    }
    state.change(bitmap -> {
      if (!bitmap.take(port - first)) {
        throw new AllocationException(AllocationException.Reason.ALREADY_ALLOCATED, "provided port is already allocated");
      }
      return port;
    });
  }

  public void release(int port) {
    if (port >= first && port <= last) {
      try {
        state.change(bitmap -> {
          bitmap.release(port - first);
          return port;
        });
      } catch (AllocationException e) {
        throw new IllegalStateException("releasing never refuses", e);
      }
    }
  }

  public boolean isAllocated(int port) {
    return port >= first && port <= last && state.read(bitmap -> bitmap.isTaken(port - first));
  }

  public int used() { return state.read(bitmap -> bitmap.used()); }

  @Override
  public int offsetOf(String port) {
    try {
      int p = Integer.parseInt(port);
      return p >= first && p <= last ? p - first : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public String valueAt(int offset) {
    return Integer.toString(first + offset);
  }
}
