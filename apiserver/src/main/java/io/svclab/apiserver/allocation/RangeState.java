package io.svclab.apiserver.allocation;

import io.svclab.net.allocation.RangeBitmap;
import java.util.function.Function;

/** Where a range's taken set lives: in this process ({@link LocalRange}) or in the store ({@link StoredRange}). */
public interface RangeState {
  /** Applies one change atomically; when it throws, nothing was taken or freed. */
  <R> R change(RangeChange<R> change) throws AllocationException;

  /** Asks something of the current taken set, which the query must not change. */
  <R> R read(Function<RangeBitmap, R> query);

  /**
   * Repair's read-modify-write: {@code rebuild} gets the taken set as read before it was
   * called, may look elsewhere (the stored Services), and turns the bitmap into what it should
   * be; that is written only if nobody changed the set meanwhile, else it runs again.
   */
  <R> R reconcile(RangeChange<R> rebuild) throws AllocationException;

  /** A copy in this process, for a dry run: changes to it are never kept. */
  RangeState copy();
}
