package io.svclab.apiserver.allocation;

import io.svclab.net.allocation.RangeBitmap;
import java.util.function.Function;

/** A range's taken set in this process only: one apiserver, or a dry run's scratch copy. */
public final class LocalRange implements RangeState {
  private final RangeBitmap bitmap;

  public LocalRange(int size) {
    this.bitmap = new RangeBitmap(size);
  }

  private LocalRange(RangeBitmap from) {
    this.bitmap = new RangeBitmap(from.size());
    this.bitmap.restore(from.snapshot());
  }

  /** A scratch copy of {@code bitmap}. */
  static LocalRange of(RangeBitmap bitmap) {
    return new LocalRange(bitmap);
  }

  @Override
  public synchronized <R> R change(RangeChange<R> change) throws AllocationException {
    return change.apply(bitmap);
  }

  @Override
  public synchronized <R> R read(Function<RangeBitmap, R> query) {
    return query.apply(bitmap);
  }

  @Override
  public synchronized <R> R reconcile(RangeChange<R> rebuild) throws AllocationException {
    return rebuild.apply(bitmap);
  }

  @Override
  public synchronized RangeState copy() {
    return new LocalRange(bitmap);
  }
}
