package io.svclab.client.informer;

import com.google.protobuf.Message;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.resource.ResourceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The informer's decisions, free of I/O: which handler events a watch event or a relist
 * produces against the current cache. Both guard the same promise: a handler sees every
 * object change exactly once, even when a resumed watch replays events the cache already
 * holds, or a relist after OUT_OF_RANGE has to stand in for events that were never seen.
 */
public final class CacheDelta<T extends Message> {
  private final ResourceKind<T> kind;

  public CacheDelta(ResourceKind<T> kind) {
    this.kind = kind;
  }

  /**
   * The events for one watch event, given the cached object under its key (null if none).
   * Empty when the event changes nothing the cache has not already seen.
   */
  public List<ObjectEvent<T>> forWatchEvent(EventType type, T object, T cached) {
    String rv = rv(object);
    switch (type) {
      case ADDED:
      case MODIFIED:
        if (cached == null) {
          return List.of(ObjectEvent.add(object));
        }
        if (!ResourceVersions.isNewer(rv, rv(cached))) {
          return List.of(); // replay of something we already hold
        }
        if (!uid(cached).equals(uid(object))) {
          // Same name, new object, the deletion in between unseen: owners key on uid,
          // so a recreation must not look like an update.
          return List.of(ObjectEvent.delete(cached), ObjectEvent.add(object));
        }
        return List.of(ObjectEvent.update(cached, object));
      case DELETED:
        if (cached == null || ResourceVersions.isNewer(rv(cached), rv)) {
          return List.of(); // already gone, or a stale delete of an older incarnation
        }
        return List.of(ObjectEvent.delete(cached));
      default:
        return List.of(); // BOOKMARK and unknown types carry no object change
    }
  }

  /**
   * Events that turn {@code cache} into {@code listed}: deletes for keys no longer listed,
   * adds for new keys, updates for newer versions, and delete + add when a key now names
   * a different object (different uid). Deletes come first so indexes never hold both.
   */
  public List<ObjectEvent<T>> forRelist(Map<String, T> cache, List<T> listed) {
    List<ObjectEvent<T>> deletes = new ArrayList<>();
    List<ObjectEvent<T>> changes = new ArrayList<>();
    Set<String> listedKeys = new HashSet<>();
    for (T object : listed) {
      String key = kind.key(object);
      listedKeys.add(key);
      T cached = cache.get(key);
      if (cached == null) {
        changes.add(ObjectEvent.add(object));
      } else if (!uid(cached).equals(uid(object))) {
        deletes.add(ObjectEvent.delete(cached));
        changes.add(ObjectEvent.add(object));
      } else if (ResourceVersions.isNewer(rv(object), rv(cached))) {
        changes.add(ObjectEvent.update(cached, object));
      }
    }
    cache.forEach((key, cached) -> {
      if (!listedKeys.contains(key)) {
        deletes.add(ObjectEvent.delete(cached));
      }
    });
    List<ObjectEvent<T>> events = new ArrayList<>(deletes);
    events.addAll(changes);
    return events;
  }

  private String rv(T object) {
    return meta(object).getResourceVersion();
  }

  private String uid(T object) {
    return meta(object).getUid();
  }

  private ObjectMeta meta(T object) {
    return kind.meta(object);
  }
}
