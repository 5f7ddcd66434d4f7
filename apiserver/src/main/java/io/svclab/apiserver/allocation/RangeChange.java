package io.svclab.apiserver.allocation;

import io.svclab.net.allocation.RangeBitmap;

/**
 * One change to a range's taken set. It is atomic: it either changes the bitmap and returns,
 * or throws before touching it. It may run more than once (again on a fresher bitmap after a
 * conflicting write elsewhere), so it must depend on nothing but the bitmap it is given.
 */
@FunctionalInterface
public interface RangeChange<R> {
  R apply(RangeBitmap bitmap) throws AllocationException;
}
