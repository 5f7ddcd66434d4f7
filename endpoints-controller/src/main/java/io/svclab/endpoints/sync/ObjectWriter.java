package io.svclab.endpoints.sync;

/**
 * The writes a sync makes for one kind. Each returns the object as stored (name filled in
 * from generateName, new resourceVersion). Failures are gRPC status exceptions with
 * Kubernetes' codes: ABORTED for a Conflict, ALREADY_EXISTS, NOT_FOUND.
 */
public interface ObjectWriter<T> {
  T create(T object);

  /** Conditional on the resourceVersion the object carries. */
  T update(T object);

  void delete(String namespace, String name);
}
