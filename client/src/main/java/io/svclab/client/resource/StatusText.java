package io.svclab.client.resource;

import io.grpc.Status;

/** A gRPC failure as one log-friendly line ("UNAVAILABLE: io exception"), never a stack trace. */
public final class StatusText {
  private StatusText() {}

  public static String of(Throwable t) {
    Status s = Status.fromThrowable(t);
    String description = s.getDescription() != null ? s.getDescription()
        : s.getCause() != null ? s.getCause().getClass().getSimpleName() + ": " + s.getCause().getMessage() : "";
    return s.getCode() + (description.isEmpty() ? "" : ": " + description);
  }

  public static String of(Status s) {
    return of(s.asRuntimeException());
  }
}
