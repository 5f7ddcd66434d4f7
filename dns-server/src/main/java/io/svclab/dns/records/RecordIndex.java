package io.svclab.dns.records;

import io.svclab.net.ip.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Everything the answerer reads, immutable: Services (with their published endpoints) by
 * {@code namespace/name}, the namespaces that exist, pod IPs per namespace, and the reverse
 * map (IP -> owner names). A new index is built per change and swapped in atomically, so a
 * query always sees one consistent picture.
 *
 * <p>Reverse entries follow CoreDNS' serviceRecordForIP: a ClusterIP names its Service
 * ({@code svc.ns.svc.zone}); otherwise every endpoint with that address names
 * {@code label.svc.ns.svc.zone}.
 *
 * <p>Each index has a unique {@link #id}; one published {@link #after} another also carries
 * the last {@value #HISTORY} {@link IndexChange}s that led to it, so a reply cached from an
 * earlier index can be kept while none of the names it read changed ({@link #changesSince}).
 */
public final class RecordIndex {
  private static final AtomicLong IDS = new AtomicLong();
  /** Before the first sync: CoreDNS answers SERVFAIL instead of NXDOMAIN until it has synced. */
  public static final RecordIndex EMPTY = new RecordIndex(Map.of(), Set.of(), Map.of(), 0, false, new IndexChange[0]);
  /** Changes kept per index (at 50 changes a second, the last ~5 s). */
  public static final int HISTORY = 256;

  private final long id;
  /** The changes that led here, oldest first, each one's {@code to} the next one's {@code from}; the last one's {@code to} is this id. */
  private final IndexChange[] history;

  private final Map<String, ServiceRecord> services;
  private final Set<String> namespaces;
  private final Map<String, Set<String>> podIPs;
  private final Map<String, List<ReverseName>> reverse;
  private final long serial;
  private final boolean synced;

  /** A PTR owner: a Service ({@code endpointLabel} empty) or one endpoint of it. */
  public record ReverseName(String endpointLabel, String service, String namespace) {}

  private RecordIndex(Map<String, ServiceRecord> services, Set<String> namespaces,
      Map<String, Set<String>> podIPs, long serial, boolean synced, IndexChange[] history) {
    this(services, namespaces, podIPs, buildReverse(services.values()), serial, synced, history, IDS.getAndIncrement());
  }

  private RecordIndex(Map<String, ServiceRecord> services, Set<String> namespaces, Map<String, Set<String>> podIPs,
      Map<String, List<ReverseName>> reverse, long serial, boolean synced, IndexChange[] history, long id) {
    this.id = id;
    this.synced = synced;
    this.services = services;
    this.namespaces = namespaces;
    this.podIPs = podIPs;
    this.serial = serial;
    this.reverse = reverse;
    this.history = history;
  }

  /**
   * @param services   keyed by {@link #key}
   * @param podIPs     namespace -> pod IPs (for {@code pods verified})
   * @param serial     the SOA serial (CoreDNS: the time of the last change, in seconds)
   */
  public static RecordIndex of(Map<String, ServiceRecord> services, Set<String> namespaces,
      Map<String, Set<String>> podIPs, long serial) {
    return new RecordIndex(Map.copyOf(services), Set.copyOf(namespaces), Map.copyOf(podIPs), serial, true,
        new IndexChange[0]);
  }

  /** Unique per index (every index made, published or not, gets the next one). */
  public long id() {
    return id;
  }

  /**
   * This index as the successor of {@code previous}: the same records, a new id, and the
   * change from {@code previous} appended to its history (the last {@value #HISTORY} kept).
   */
  public RecordIndex after(RecordIndex previous) {
    long nextId = IDS.getAndIncrement();
    IndexChange change = IndexChange.between(previous, this).to(nextId);
    IndexChange[] before = previous.history;
    int keep = Math.min(before.length, HISTORY - 1);
    IndexChange[] h = Arrays.copyOfRange(before, before.length - keep, before.length + 1);
    h[keep] = change;
    return new RecordIndex(services, namespaces, podIPs, reverse, serial, synced, h, nextId);
  }

  /**
   * The changes from index {@code id} to this one, oldest first (empty if {@code id} is this
   * index); null when {@code id} is not among the indexes this one's history reaches back to.
   */
  public List<IndexChange> changesSince(long id) {
    if (id == this.id) {
      return List.of();
    }
    int lo = 0;
    int hi = history.length - 1;
    while (lo <= hi) { // ids grow along a history: binary search on each change's origin
      int mid = (lo + hi) >>> 1;
      long from = history[mid].from();
      if (from == id) {
        return Arrays.asList(history).subList(mid, history.length);
      }
      if (from < id) {
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return null;
  }

  Map<String, ServiceRecord> serviceMap() {
    return services;
  }

  Set<String> namespaceSet() {
    return namespaces;
  }

  Map<String, Set<String>> podIPMap() {
    return podIPs;
  }

  public static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static Map<String, List<ReverseName>> buildReverse(Collection<ServiceRecord> services) {
    Map<String, List<ReverseName>> byClusterIp = new HashMap<>();
    Map<String, List<ReverseName>> byEndpoint = new HashMap<>();
    for (ServiceRecord s : services) {
      for (String ip : s.clusterIPs()) {
        byClusterIp.computeIfAbsent(canonicalIp(ip), k -> new ArrayList<>(1))
            .add(new ReverseName("", s.name(), s.namespace()));
      }
      for (EndpointRecord e : s.endpoints()) {
        byEndpoint.computeIfAbsent(canonicalIp(e.ip()), k -> new ArrayList<>(1))
            .add(new ReverseName(e.label(), s.name(), s.namespace()));
      }
    }
    Map<String, List<ReverseName>> out = new HashMap<>(byEndpoint);
    out.putAll(byClusterIp); // a ClusterIP wins: CoreDNS returns the first Service and stops
    out.replaceAll((ip, names) -> List.copyOf(names.size() > 1 && byClusterIp.containsKey(ip)
        ? names.subList(0, 1) : names));
    return Map.copyOf(out);
  }

  /** The textual form reverse lookups compare: IPv6 fully expanded, lower-case. */
  public static String canonicalIp(String ip) {
    if (ip.indexOf(':') < 0) {
      return ip;
    }
    return IpAddress.parse(ip).map(IpAddress::expanded).orElse(ip.toLowerCase(java.util.Locale.ROOT));
  }

  public ServiceRecord service(String namespace, String name) {
    return services.get(key(namespace, name));
  }

  public Collection<ServiceRecord> services() {
    return services.values();
  }

  public boolean namespaceExists(String namespace) {
    return namespaces.contains(namespace);
  }

  public boolean podExists(String namespace, String ip) {
    Set<String> ips = podIPs.get(namespace);
    return ips != null && ips.contains(canonicalIp(ip));
  }

  public List<ReverseName> reverse(String ip) {
    return reverse.getOrDefault(canonicalIp(ip), List.of());
  }

  public long serial() {
    return serial;
  }

  /** False until every informer has listed once. */
  public boolean synced() {
    return synced;
  }

  public RecordIndex unsynced() {
    // a new id without history: replies cached before are not carried over to it
    return new RecordIndex(services, namespaces, podIPs, reverse, serial, false, new IndexChange[0],
        IDS.getAndIncrement());
  }

  public int serviceCount() {
    return services.size();
  }
}
