package io.svclab.apiserver.store;

/**
 * One conditional write, as an etcd transaction: compare the key's modRevision, then put or
 * delete. {@code expectedModRevision} is {@link #ABSENT} for "must not exist" and
 * {@link #ANY} for an unconditional write; {@code value == null} deletes.
 */
public record Write(String key, long expectedModRevision, byte[] value) {
  public static final long ANY = -1;
  public static final long ABSENT = 0;

  public static Write create(String key, byte[] value) {
    return new Write(key, ABSENT, value);
  }

  public static Write update(String key, long expectedModRevision, byte[] value) {
    return new Write(key, expectedModRevision, value);
  }

  public static Write delete(String key, long expectedModRevision) {
    return new Write(key, expectedModRevision, null);
  }

  public boolean isDelete() {
    return value == null;
  }
}
