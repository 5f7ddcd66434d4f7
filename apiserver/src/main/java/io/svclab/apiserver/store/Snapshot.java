package io.svclab.apiserver.store;

import java.util.List;

/** Every object under a prefix as of one revision: what a watch starting "now" begins from. */
public record Snapshot(long revision, List<KeyValue> items) {}
