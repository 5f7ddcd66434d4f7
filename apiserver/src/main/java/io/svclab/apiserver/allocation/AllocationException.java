package io.svclab.apiserver.allocation;

/** Why an address or port could not be taken, with Kubernetes' allocator wording as the message. */
public final class AllocationException extends Exception {
  public enum Reason { NOT_IN_RANGE, ALREADY_ALLOCATED, RANGE_FULL }

  private final Reason reason;

  public AllocationException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() { return reason; }
}
