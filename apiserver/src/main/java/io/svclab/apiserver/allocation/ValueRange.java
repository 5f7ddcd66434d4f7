package io.svclab.apiserver.allocation;

/** A range of values (addresses, ports) laid over a bitmap's offsets: what repair needs of an allocator. */
public interface ValueRange {
  /** The range as Kubernetes writes it: a CIDR or {@code first-last}. */
  String rangeText();

  int size();

  /** The offset of {@code value}, or -1 when it is not in the range (or not a value at all). */
  int offsetOf(String value);

  String valueAt(int offset);

  RangeState state();
}
