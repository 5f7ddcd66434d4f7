package io.svclab.dns.records;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Everything the answerer reads, immutable: Services (with their published endpoints) by
 * {@code namespace/name}, the namespaces that exist, pod IPs per namespace, and the reverse
 * map (IP -> owner names). A new index is built per change and swapped in atomically, so a
 * query always sees one consistent picture.
 *
 * <p>Reverse entries follow CoreDNS' serviceRecordForIP: a ClusterIP names its Service
 * ({@code svc.ns.svc.zone}); otherwise every endpoint with that address names
 * {@code label.svc.ns.svc.zone}.
 */
public final class RecordIndex {
  /** Before the first sync: CoreDNS answers SERVFAIL instead of NXDOMAIN until it has synced. */
  public static final RecordIndex EMPTY = new RecordIndex(Map.of(), Set.of(), Map.of(), 0, false);

  private final Map<String, ServiceRecord> services;
  private final Set<String> namespaces;
  private final Map<String, Set<String>> podIPs;
  private final Map<String, List<ReverseName>> reverse;
  private final long serial;
  private final boolean synced;

  /** A PTR owner: a Service ({@code endpointLabel} empty) or one endpoint of it. */
  public record ReverseName(String endpointLabel, String service, String namespace) {}

  private RecordIndex(Map<String, ServiceRecord> services, Set<String> namespaces,
      Map<String, Set<String>> podIPs, long serial, boolean synced) {
    this.synced = synced;
    this.services = services;
    this.namespaces = namespaces;
    this.podIPs = podIPs;
    this.serial = serial;
    this.reverse = buildReverse(services.values());
  }

  /**
   * @param services   keyed by {@link #key}
   * @param podIPs     namespace -> pod IPs (for {@code pods verified})
   * @param serial     the SOA serial (CoreDNS: the time of the last change, in seconds)
   */
  public static RecordIndex of(Map<String, ServiceRecord> services, Set<String> namespaces,
      Map<String, Set<String>> podIPs, long serial) {
    return new RecordIndex(Map.copyOf(services), Set.copyOf(namespaces), Map.copyOf(podIPs), serial, true);
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
    byte[] raw = IpText.parse(ip);
    return raw == null ? ip.toLowerCase(java.util.Locale.ROOT) : IpText.format(raw);
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
    return new RecordIndex(services, namespaces, podIPs, serial, false);
  }

  public int serviceCount() {
    return services.size();
  }
}
