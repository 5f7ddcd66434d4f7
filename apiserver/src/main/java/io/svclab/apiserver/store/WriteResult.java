package io.svclab.apiserver.store;

/**
 * The outcome of a {@link Write}. On success {@code revision} is the revision the write was
 * given and {@code current} the stored value (null after a delete). On a failed precondition
 * nothing was written and {@code current} is what the key holds now (null if absent).
 */
public record WriteResult(boolean succeeded, long revision, KeyValue current) {}
