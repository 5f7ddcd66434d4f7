package io.svclab.apiserver.store;

/**
 * The store cannot be reached (etcd down or partitioned): nothing was written, or, if the request
 * reached etcd before the connection broke, its outcome is unknown, as for any etcd client.
 * The API answers it with UNAVAILABLE (REST 503 ServiceUnavailable).
 */
public final class StorageUnavailableException extends RuntimeException {
  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
