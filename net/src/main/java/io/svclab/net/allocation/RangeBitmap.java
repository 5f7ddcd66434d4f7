package io.svclab.net.allocation;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * Taken/free offsets {@code 0..size-1} of a range (addresses, ports), as Kubernetes'
 * allocator bitmap (pkg/registry/core/service/allocator): take a given offset, take the next
 * free one from a cursor or at random, release, count, and a snapshot a store can keep and
 * restore. Pure and not thread-safe: the allocator that owns it serialises calls.
 */
public final class RangeBitmap {
  private final int size;
  private final BitSet taken;

  public RangeBitmap(int size) {
    if (size < 0) throw new IllegalArgumentException("negative range size " + size);
    this.size = size;
    this.taken = new BitSet(size);
  }

  public int size() { return size; }

  public int used() { return taken.cardinality(); }

  public int free() { return size - used(); }

  public boolean isTaken(int offset) {
    return inRange(offset) && taken.get(offset);
  }

  public boolean inRange(int offset) {
    return offset >= 0 && offset < size;
  }

  /** Takes {@code offset}; false when it is outside the range or already taken. */
  public boolean take(int offset) {
    if (!inRange(offset) || taken.get(offset)) return false;
    taken.set(offset);
    return true;
  }

  /** Frees {@code offset}; offsets outside the range are ignored. */
  public void release(int offset) {
    if (inRange(offset)) taken.clear(offset);
  }

  public void clear() {
    taken.clear();
  }

  /** The first free offset at or after {@code start}, wrapping to 0; -1 when the range is full. Takes nothing. */
  public int nextFree(int start) {
    if (size == 0) return -1;
    int from = Math.floorMod(start, size);
    int free = taken.nextClearBit(from);
    if (free < size) return free;
    free = taken.nextClearBit(0);
    return free < from ? free : -1;
  }

  /** Takes the first free offset at or after {@code start} (wrapping); -1 when full. */
  public int takeNext(int start) {
    int free = nextFree(start);
    if (free >= 0) taken.set(free);
    return free;
  }

  /**
   * Takes a free offset chosen at random, above {@code staticBand} first: Kubernetes' static
   * subrange rule (KEP-3070 for ClusterIPs, KEP-3668 for NodePorts), which leaves the lower
   * band to users who ask for a specific value. -1 when the range is full.
   */
  public int takeRandom(int staticBand, RandomGenerator random) {
    int band = Math.max(0, Math.min(staticBand, size));
    int found = randomFree(band, size, random);
    if (found < 0) found = randomFree(0, band, random);
    if (found >= 0) taken.set(found);
    return found;
  }

  private int randomFree(int from, int to, RandomGenerator random) {
    if (from >= to) return -1;
    int start = from + random.nextInt(to - from);
    int free = taken.nextClearBit(start);
    if (free < to) return free;
    free = taken.nextClearBit(from);
    return free < start ? free : -1;
  }

  /** The taken offsets as bytes (little-endian bit order), what a store keeps. */
  public byte[] snapshot() {
    return taken.toByteArray();
  }

  /**
   * Replaces the taken set with a snapshot's.
   *
   * @throws IllegalArgumentException when the snapshot marks an offset outside this range
   */
  public void restore(byte[] snapshot) {
    BitSet restored = BitSet.valueOf(snapshot);
    if (restored.length() > size) {
      throw new IllegalArgumentException("snapshot marks offset " + (restored.length() - 1)
          + " outside a range of " + size);
    }
    taken.clear();
    taken.or(restored);
  }
}
