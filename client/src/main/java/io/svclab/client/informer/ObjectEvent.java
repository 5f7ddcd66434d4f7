package io.svclab.client.informer;

/**
 * One change to the cache as handlers see it: {@code oldObject} is null for adds,
 * {@code newObject} is null for deletes (where {@code oldObject} is the last known state).
 */
public record ObjectEvent<T>(Type type, T oldObject, T newObject) {
  public enum Type { ADD, UPDATE, DELETE }

  public static <T> ObjectEvent<T> add(T object) {
    return new ObjectEvent<>(Type.ADD, null, object);
  }

  public static <T> ObjectEvent<T> update(T oldObject, T newObject) {
    return new ObjectEvent<>(Type.UPDATE, oldObject, newObject);
  }

  public static <T> ObjectEvent<T> delete(T lastKnown) {
    return new ObjectEvent<>(Type.DELETE, lastKnown, null);
  }

  /** The object the event is about: the new state, or the last known one for deletes. */
  public T object() {
    return newObject != null ? newObject : oldObject;
  }
}
