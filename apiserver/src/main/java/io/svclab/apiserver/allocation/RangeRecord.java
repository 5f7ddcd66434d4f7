package io.svclab.apiserver.allocation;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.svclab.net.allocation.RangeBitmap;
import io.svclab.storage.v1.RangeAllocation;
import java.util.Optional;

/** A range's stored form, Kubernetes' RangeAllocation: the range and the bitmap of its taken values. */
final class RangeRecord {
  private RangeRecord() {}

  static byte[] encode(String range, RangeBitmap bitmap) {
    return RangeAllocation.newBuilder().setRange(range).setData(ByteString.copyFrom(bitmap.snapshot()))
        .build().toByteArray();
  }

  /**
   * The taken set a stored record holds for {@code range}; empty for an absent key (nothing
   * taken yet) and for a record that is not this range's (unreadable, another range, or marks
   * past its end), whose stored range is then in {@code why}.
   */
  static Optional<RangeBitmap> decode(byte[] value, String range, int size, StringBuilder why) {
    RangeBitmap bitmap = new RangeBitmap(size);
    if (value == null) {
      return Optional.of(bitmap);
    }
    try {
      RangeAllocation stored = RangeAllocation.parseFrom(value);
      if (!stored.getRange().equals(range)) {
        why.append("it holds the range ").append(stored.getRange());
        return Optional.empty();
      }
      bitmap.restore(stored.getData().toByteArray());
      return Optional.of(bitmap);
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      why.append("it cannot be read: ").append(e.getMessage());
      return Optional.empty();
    }
  }
}
