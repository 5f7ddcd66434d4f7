package io.svclab.endpoints.sync;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** The write failures that mean "the cache we planned from was stale": retry once it caught up. */
final class StaleCache {
  private StaleCache() {}

  static boolean means(StatusRuntimeException e) {
    Status.Code code = e.getStatus().getCode();
    // NOT_FOUND on an update: the object was deleted after the cache last saw it.
    return code == Status.Code.ABORTED || code == Status.Code.ALREADY_EXISTS || code == Status.Code.NOT_FOUND;
  }

  static boolean notFound(StatusRuntimeException e) {
    return e.getStatus().getCode() == Status.Code.NOT_FOUND;
  }
}
