package io.svclab.client.controller;

/**
 * Brings the world in line with the desired state of one object, named by its key
 * ({@code namespace/name}). Level-based and idempotent: it reads current state from
 * informer caches, not from the event that caused the call, and may run any number of
 * times. Never called concurrently for the same key.
 */
@FunctionalInterface
public interface Reconciler {
  /** Throwing is the same as returning {@link Result#error}: the key is retried with back-off. */
  Result reconcile(String key) throws Exception;
}
