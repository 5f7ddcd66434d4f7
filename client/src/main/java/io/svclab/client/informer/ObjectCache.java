package io.svclab.client.informer;

import com.google.protobuf.Message;
import io.svclab.client.resource.ResourceKind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The informer's local copy of the objects, keyed by {@code namespace/name}, with indexes.
 * One writer (the informer loop), any number of readers; objects are immutable protos, so
 * readers get them without copying.
 */
public final class ObjectCache<T extends Message> {
  private final ResourceKind<T> kind;
  private final Map<String, Function<T, Collection<String>>> indexers;
  private final Map<String, T> objects = new HashMap<>();
  private final Map<String, Map<String, Set<String>>> indexes = new HashMap<>();
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  public ObjectCache(ResourceKind<T> kind, Map<String, Function<T, Collection<String>>> indexers) {
    this.kind = kind;
    this.indexers = new LinkedHashMap<>(indexers);
    indexers.keySet().forEach(name -> indexes.put(name, new HashMap<>()));
  }

  public ObjectCache(ResourceKind<T> kind) {
    this(kind, Indexers.standard(kind));
  }

  public String keyOf(T object) {
    return kind.key(object);
  }

  /** The key for a namespace and name; the namespace is ignored for cluster-scoped kinds. */
  public String keyOf(String namespace, String name) {
    return kind.namespaced() ? namespace + "/" + name : name;
  }

  public void apply(ObjectEvent<T> event) {
    lock.writeLock().lock();
    try {
      if (event.oldObject() != null) {
        remove(event.oldObject());
      }
      if (event.newObject() != null) {
        put(event.newObject());
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void put(T object) {
    String key = kind.key(object);
    T previous = objects.put(key, object);
    if (previous != null) {
      unindex(key, previous);
    }
    indexers.forEach((name, fn) -> {
      Map<String, Set<String>> index = indexes.get(name);
      for (String value : fn.apply(object)) {
        index.computeIfAbsent(value, v -> new HashSet<>()).add(key);
      }
    });
  }

  private void remove(T object) {
    String key = kind.key(object);
    T previous = objects.remove(key);
    if (previous != null) {
      unindex(key, previous);
    }
  }

  private void unindex(String key, T object) {
    indexers.forEach((name, fn) -> {
      Map<String, Set<String>> index = indexes.get(name);
      for (String value : fn.apply(object)) {
        Set<String> keys = index.get(value);
        if (keys != null) {
          keys.remove(key);
          if (keys.isEmpty()) {
            index.remove(value);
          }
        }
      }
    });
  }

  public Optional<T> get(String key) {
    lock.readLock().lock();
    try {
      return Optional.ofNullable(objects.get(key));
    } finally {
      lock.readLock().unlock();
    }
  }

  public List<T> list() {
    lock.readLock().lock();
    try {
      return List.copyOf(objects.values());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Objects whose indexer {@code indexName} yields {@code value}. */
  public List<T> byIndex(String indexName, String value) {
    lock.readLock().lock();
    try {
      Map<String, Set<String>> index = indexes.get(indexName);
      if (index == null) {
        throw new IllegalArgumentException("no index " + indexName + " on " + kind.plural());
      }
      List<T> result = new ArrayList<>();
      for (String key : index.getOrDefault(value, Set.of())) {
        result.add(objects.get(key));
      }
      return result;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A copy of the key -> object map, for relist diffs. */
  public Map<String, T> snapshot() {
    lock.readLock().lock();
    try {
      return new HashMap<>(objects);
    } finally {
      lock.readLock().unlock();
    }
  }

  public int size() {
    lock.readLock().lock();
    try {
      return objects.size();
    } finally {
      lock.readLock().unlock();
    }
  }
}
