package io.svclab.e2e.bench;

import java.util.Arrays;

/** Recorded latencies in nanoseconds, with percentiles. */
final class Latencies {
  private final long[] values;
  private int size;

  Latencies(int capacity) {
    values = new long[capacity];
  }

  synchronized void add(long nanos) {
    if (size < values.length) {
      values[size++] = nanos;
    }
  }

  synchronized int count() {
    return size;
  }

  /** The p-th percentile in milliseconds (p in 0..100). */
  synchronized double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    int idx = (int) Math.min(size - 1, Math.ceil(p / 100.0 * size) - 1);
    return sorted[Math.max(0, idx)] / 1e6;
  }
}
