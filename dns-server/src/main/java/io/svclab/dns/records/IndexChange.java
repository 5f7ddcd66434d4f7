package io.svclab.dns.records;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What changed from one {@link RecordIndex} ({@code from}, its id) to the next ({@code to}),
 * as the {@link Reads} keys an answer may have read: each Service added, removed or changed,
 * with the reverse entries of its addresses before and after; namespaces added or removed;
 * the pod addresses of a namespace; the serial; the synced flag. A reply whose reads meet none
 * of these is still the reply the new index gives.
 */
public record IndexChange(long from, long to, long[] keys) {
  public IndexChange {
    keys = keys.clone();
  }

  @Override
  public long[] keys() {
    return keys.clone();
  }

  /** Pure: the keys that differ between {@code before} and {@code after}. */
  public static IndexChange between(RecordIndex before, RecordIndex after) {
    Set<Long> changed = new HashSet<>();
    Map<String, ServiceRecord> old = before.serviceMap();
    Map<String, ServiceRecord> now = after.serviceMap();
    if (old != now) {
      now.forEach((key, record) -> {
        ServiceRecord was = old.get(key);
        if (was != record && !record.equals(was)) {
          changed.add(Reads.serviceKey(key));
          addresses(was, changed);
          addresses(record, changed);
        }
      });
      old.forEach((key, record) -> {
        if (!now.containsKey(key)) {
          changed.add(Reads.serviceKey(key));
          addresses(record, changed);
        }
      });
    }
    for (String ns : symmetricDifference(before.namespaceSet(), after.namespaceSet())) {
      changed.add(Reads.namespace(ns));
    }
    Map<String, Set<String>> podsBefore = before.podIPMap();
    Map<String, Set<String>> podsAfter = after.podIPMap();
    for (String ns : union(podsBefore.keySet(), podsAfter.keySet())) {
      if (!Objects.equals(podsBefore.get(ns), podsAfter.get(ns))) {
        changed.add(Reads.pods(ns));
      }
    }
    if (before.serial() != after.serial()) {
      changed.add(Reads.SERIAL);
    }
    if (before.synced() != after.synced()) {
      changed.add(Reads.SYNCED);
    }
    long[] keys = changed.stream().mapToLong(Long::longValue).toArray();
    return new IndexChange(before.id(), after.id(), Reads.sortedDistinct(keys, keys.length));
  }

  /** The same change, arriving at index {@code id} (an index with the same records as {@code to}). */
  IndexChange to(long id) {
    return new IndexChange(from, id, keys);
  }

  /** True when a reply that read {@code reads} (sorted, as {@link Reads#keys}) may differ after this change. */
  public boolean affects(long[] reads) {
    return Reads.intersect(keys, reads);
  }

  /**
   * Pure: whether a reply made from index {@code made} with {@code reads} is still the reply
   * of the index the {@code changes} lead to ({@link RecordIndex#changesSince}; null: unknown,
   * so no).
   */
  public static boolean stillValid(List<IndexChange> changes, long[] reads) {
    if (changes == null) {
      return false;
    }
    for (IndexChange c : changes) {
      if (c.affects(reads)) {
        return false;
      }
    }
    return true;
  }

  /** Every address of a Service that may have a reverse entry: its ClusterIPs and endpoint addresses. */
  private static void addresses(ServiceRecord s, Set<Long> out) {
    if (s == null) {
      return;
    }
    for (String ip : s.clusterIPs()) {
      out.add(Reads.address(RecordIndex.canonicalIp(ip)));
    }
    for (EndpointRecord e : s.endpoints()) {
      out.add(Reads.address(RecordIndex.canonicalIp(e.ip())));
    }
  }

  private static Set<String> symmetricDifference(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>();
    for (String s : a) if (!b.contains(s)) out.add(s);
    for (String s : b) if (!a.contains(s)) out.add(s);
    return out;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new HashSet<>(a);
    out.addAll(b);
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IndexChange c && c.from == from && c.to == to && Arrays.equals(c.keys, keys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(from, to, Arrays.hashCode(keys));
  }

  @Override
  public String toString() {
    return "IndexChange[" + from + "->" + to + ", " + keys.length + " keys]";
  }
}
