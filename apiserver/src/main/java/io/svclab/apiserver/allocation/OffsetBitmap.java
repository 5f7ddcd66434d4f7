package io.svclab.apiserver.allocation;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * Taken/free offsets in a range, with Kubernetes' static-subrange rule: dynamic allocation
 * takes from the upper part first, so the lower {@code staticBand} offsets stay free for
 * users who ask for a specific value (kubernetes.io/docs "Avoiding collisions").
 */
final class OffsetBitmap {
  private final int size;
  private final int staticBand;
  private final BitSet taken;
  private final RandomGenerator random;

  OffsetBitmap(int size, int staticBand, RandomGenerator random) {
    this.size = size;
    this.staticBand = Math.min(staticBand, size);
    this.taken = new BitSet(size);
    this.random = random;
  }

  int size() { return size; }

  int used() { return taken.cardinality(); }

  boolean isTaken(int offset) { return taken.get(offset); }

  boolean take(int offset) {
    if (taken.get(offset)) {
      return false;
    }
    taken.set(offset);
    return true;
  }

  void release(int offset) {
    taken.clear(offset);
  }

  /** A free offset chosen at random, upper band first; -1 when the range is full. */
  int takeAny() {
    int found = randomFree(staticBand, size);
    if (found < 0) {
      found = randomFree(0, staticBand);
    }
    if (found >= 0) {
      taken.set(found);
    }
    return found;
  }

  private int randomFree(int from, int to) {
    if (from >= to) {
      return -1;
    }
    int start = from + random.nextInt(to - from);
    int free = taken.nextClearBit(start);
    if (free < to) {
      return free;
    }
    free = taken.nextClearBit(from);
    return free < start ? free : -1;
  }
}
