package io.svclab.dns.records;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identical port lists shared between records: most Services carry the same one or two ports,
 * and every endpoint of a slice the slice's ports, so one immutable list serves them all
 * instead of one copy each. Bounded: past {@value #MAX} distinct lists, new ones are kept
 * unshared (never a leak, whatever ports the cluster invents).
 */
final class PortLists {
  private PortLists() {}

  static final int MAX = 4096;
  private static final ConcurrentHashMap<List<PortRecord>, List<PortRecord>> SHARED = new ConcurrentHashMap<>();

  /** An immutable list equal to {@code ports}: the shared one when there is one. */
  static List<PortRecord> shared(List<PortRecord> ports) {
    List<PortRecord> copy = List.copyOf(ports);
    List<PortRecord> known = SHARED.get(copy);
    if (known != null) {
      return known;
    }
    if (SHARED.size() < MAX) {
      known = SHARED.putIfAbsent(copy, copy);
      return known != null ? known : copy;
    }
    return copy;
  }
}
