package io.svclab.client.informer;

/**
 * Receives each object change exactly once, in order, on the informer's delivery thread.
 * Keep handlers short (enqueue a key); a handler that throws is logged and skipped.
 */
public interface ResourceEventHandler<T> {
  default void onAdd(T object) {}

  default void onUpdate(T oldObject, T newObject) {}

  /** {@code lastKnown} is the final state seen; after a relist it may predate the real deletion. */
  default void onDelete(T lastKnown) {}

  default void dispatch(ObjectEvent<T> event) {
    switch (event.type()) {
      case ADD -> onAdd(event.newObject());
      case UPDATE -> onUpdate(event.oldObject(), event.newObject());
      case DELETE -> onDelete(event.oldObject());
    }
  }
}
