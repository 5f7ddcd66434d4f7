package io.svclab.apiserver.allocation;

import io.svclab.net.allocation.RangeBitmap;
import java.util.random.RandomGenerator;

/** NodePorts (and healthCheckNodePorts) from one port range, 30000-32767 by default. Thread-safe. */
public final class NodePortAllocator {
  private final int first;
  private final int last;
  private final RangeBitmap bitmap;
  private final int staticBand;
  private final RandomGenerator random;

  public NodePortAllocator(int first, int last, RandomGenerator random) {
    if (first < 1 || last > 65535 || first > last) {
      throw new IllegalArgumentException("invalid node port range " + first + "-" + last);
    }
    this.first = first;
    this.last = last;
    int size = last - first + 1;
    // Kubernetes: min(max(16, size/32), 128) ports at the bottom are the static band
    this.bitmap = new RangeBitmap(size);
    this.staticBand = Math.min(Math.max(16, size / 32), 128);
    this.random = random;
  }

  public int first() { return first; }

  public int last() { return last; }

  public String rangeText() { return first + "-" + last; }

  public synchronized int allocateNext() throws AllocationException {
    int offset = bitmap.takeRandom(staticBand, random);
    if (offset < 0) {
      throw new AllocationException(AllocationException.Reason.RANGE_FULL, "range is full");
    }
    return first + offset;
  }

  public synchronized void allocate(int port) throws AllocationException {
    if (port < first || port > last) {
      throw new AllocationException(AllocationException.Reason.NOT_IN_RANGE,
          "provided port is not in the valid range. The range of valid ports is " + rangeText());
    }
    if (!bitmap.take(port - first)) {
      throw new AllocationException(AllocationException.Reason.ALREADY_ALLOCATED, "provided port is already allocated");
    }
  }

  public synchronized void release(int port) {
    if (port >= first && port <= last) {
      bitmap.release(port - first);
    }
  }

  public synchronized boolean isAllocated(int port) {
    return port >= first && port <= last && bitmap.isTaken(port - first);
  }

  public synchronized int used() { return bitmap.used(); }
}
