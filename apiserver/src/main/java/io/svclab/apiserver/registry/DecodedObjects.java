package io.svclab.apiserver.registry;

import com.google.common.collect.MapMaker;
import com.google.protobuf.Message;
import io.svclab.apiserver.store.KeyValue;
import io.svclab.apiserver.watch.WatchCache;
import io.svclab.client.resource.ResourceKind;
import java.util.concurrent.ConcurrentMap;

/**
 * Stored objects decoded once for every read that follows, as kube-apiserver serves reads from
 * its watch cache's decoded objects: a list of 500 Services decoded 500 protobuf messages per
 * request, a quarter of the apiserver's CPU on both front doors under {@code ./lab bench rest}
 * (issue 17). Entries are keyed by the store's {@link KeyValue} instance, weakly and by identity:
 * a store keeps one instance per key and revision as its current state, so an instance stands for
 * exactly one stored value and revision, and once a write replaces it or a delete drops it, the
 * entry goes with it. Reads stay what they were (the store's current state, resourceVersion its
 * modRevision); only the decoding is shared. Messages are immutable, so sharing one is safe.
 */
final class DecodedObjects {
  private record Decoded(ResourceKind<?> kind, Message object) {}

  private final ConcurrentMap<KeyValue, Decoded> objects = new MapMaker().weakKeys().makeMap();

  /** {@code kv} as every read returns it: decoded, with its apiVersion, kind and resourceVersion. */
  @SuppressWarnings("unchecked")
  <T extends Message> T object(ResourceKind<T> kind, KeyValue kv) {
    Decoded d = objects.get(kv);
    if (d != null && d.kind() == kind) {
      return (T) d.object();
    }
    T object = decode(kind, kv);
    objects.put(kv, new Decoded(kind, object));
    return object;
  }

  static <T extends Message> T decode(ResourceKind<T> kind, KeyValue kv) {
    return kind.withTypeMeta(WatchCache.decode(kind, kv));
  }
}
