package io.svclab.apiserver.store;

/** One stored object: its key, serialized value and the revisions that created and last modified it. */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {}
