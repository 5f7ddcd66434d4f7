package io.svclab.apiserver.store;

/** A committed change, delivered to watchers in revision order. {@code value} is null for a delete. */
public record StorageEvent(long revision, String key, byte[] value, byte[] previousValue, long createRevision) {
  public boolean isDelete() {
    return value == null;
  }

  public boolean isCreate() {
    return previousValue == null && value != null;
  }
}
