package io.svclab.apiserver.store;

/** The requested revision is older than the oldest one the history window still holds. */
public final class RevisionExpiredException extends Exception {
  private final long requested;
  private final long oldest;

  public RevisionExpiredException(long requested, long oldest) {
    super("too old resource version: " + requested + " (" + oldest + ")");
    this.requested = requested;
    this.oldest = oldest;
  }

  public long requested() { return requested; }

  public long oldest() { return oldest; }
}
