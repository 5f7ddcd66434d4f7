package io.svclab.dns.answers;

import io.svclab.dns.records.EndpointRecord;
import io.svclab.dns.records.PortRecord;
import io.svclab.dns.records.Reads;
import io.svclab.dns.records.RecordIndex;
import io.svclab.dns.records.ServiceRecord;
import io.svclab.net.ip.IpAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Names to targets against one {@link RecordIndex}: CoreDNS' kubernetes.go (Services,
 * Records, findServices, findPods, nsAddrs) and reverse.go. A {@code null} result is
 * CoreDNS' errNoItems: the name does not exist (NXDOMAIN); an empty list is a name that
 * exists without records of the kind asked (NODATA). Every read of the index is noted in
 * {@code reads}, so a cached reply knows which changes can alter it.
 */
final class Lookup {
  static final String DNS_SCHEMA_VERSION = "1.1.0";
  static final long DNS_VERSION_TTL = 28800;

  private final RecordIndex index;
  private final AnswerSettings settings;
  private final Reads reads;

  Lookup(RecordIndex index, AnswerSettings settings, Reads reads) {
    this.index = index;
    this.settings = settings;
    this.reads = reads;
  }

  private ServiceRecord service(String namespace, String name) {
    reads.add(Reads.service(namespace, name));
    return index.service(namespace, name);
  }

  /** The question as a lookup sees it: the name's labels inside {@code zone}. */
  record Question(String fqdn, List<String> labels, String zone, int type) {}

  /** CoreDNS' Kubernetes.Services: what a query of {@code q.type} finds at the name. */
  List<Target> services(Question q) {
    if (q.type() == org.xbill.DNS.Type.TXT) {
      if (q.labels().size() == 1 && q.labels().get(0).equals("dns-version")) {
        return List.of(new Target(DNS_SCHEMA_VERSION, 0, q.fqdn(), DNS_VERSION_TTL));
      }
      List<Target> existing = records(q);
      return existing != null && !existing.isEmpty() ? List.of() : null;
    }
    if (q.type() == org.xbill.DNS.Type.NS || isDefaultNs(q)) {
      return nsAddresses(q.zone());
    }
    List<Target> found = records(q);
    if (found == null || q.type() != org.xbill.DNS.Type.SRV) {
      return found;
    }
    // SRV for ExternalName Services is not implemented by CoreDNS: drop the CNAME targets
    List<Target> internal = new ArrayList<>(found.size());
    for (Target t : found) {
      if (t.hostType() != Target.HostType.CNAME) internal.add(t);
    }
    return internal;
  }

  private boolean isDefaultNs(Question q) {
    return q.fqdn().equals("ns.dns." + q.zone());
  }

  /** nsAddrs: the kube-dns Service's ClusterIPs, else the configured addresses. */
  List<Target> nsAddresses(String zone) {
    String domain = "ns.dns." + zone;
    List<Target> out = new ArrayList<>();
    ServiceRecord kubeDns = service("kube-system", "kube-dns");
    List<String> ips = kubeDns != null && !kubeDns.clusterIPs().isEmpty() ? kubeDns.clusterIPs() : settings.nsAddresses();
    for (String ip : ips) {
      out.add(new Target(ip, 0, domain, settings.ttl()));
    }
    return out;
  }

  /** CoreDNS' Kubernetes.Records. */
  List<Target> records(Question q) {
    RecordRequest r = RecordRequest.parse(q.labels());
    if (r.invalid()) {
      return null;
    }
    if (r.podOrSvc().isEmpty()) {
      return List.of();
    }
    if (ReverseNames.isReverse(q.fqdn())) {
      return null;
    }
    reads.add(Reads.namespace(r.namespace()));
    if (!index.namespaceExists(r.namespace())) {
      return null;
    }
    return r.podOrSvc().equals(RecordRequest.POD) ? findPods(r) : findServices(r);
  }

  private List<Target> findPods(RecordRequest r) {
    if (settings.podMode() == PodMode.DISABLED) {
      return null;
    }
    String podName = r.service();
    if (podName.isEmpty()) {
      return List.of(); // <ns>.pod.<zone> exists
    }
    String ip = podName.chars().filter(c -> c == '-').count() == 3 && !podName.contains("--")
        ? podName.replace('-', '.') : podName.replace('-', ':');
    String address = IpAddress.parse(ip).map(IpAddress::expanded).orElse(null);
    if (address == null) {
      return null;
    }
    if (settings.podMode() == PodMode.VERIFIED) {
      reads.add(Reads.pods(r.namespace()));
      if (!index.podExists(r.namespace(), address)) {
        return null;
      }
    }
    String domain = podName + "." + r.namespace() + ".pod." + settings.zone();
    return List.of(new Target(address, 0, domain, settings.ttl()));
  }

  private List<Target> findServices(RecordRequest r) {
    if (r.service().isEmpty()) {
      return List.of(); // <ns>.svc.<zone> exists (the namespace was checked)
    }
    ServiceRecord svc = service(r.namespace(), r.service());
    if (svc == null) {
      return null;
    }
    String serviceDomain = svc.name() + "." + svc.namespace() + ".svc." + settings.zone();
    List<Target> out = new ArrayList<>();
    boolean found = false;
    switch (svc.kind()) {
      case EXTERNAL_NAME -> {
        // an ExternalName Service has no endpoints: endpoint.external... does not exist
        if (!r.endpoint().isEmpty()) {
          return null;
        }
        Target t = new Target(svc.externalName(), 0, serviceDomain, settings.ttl());
        if (t.hostType() == Target.HostType.CNAME) {
          out.add(t);
          found = true;
        }
      }
      default -> {
        if (svc.kind() == ServiceRecord.Kind.HEADLESS || !r.endpoint().isEmpty()) {
          for (EndpointRecord e : svc.endpoints()) {
            if (!r.endpoint().isEmpty() && !r.endpoint().equals(e.label())) {
              continue;
            }
            for (PortRecord p : e.ports()) {
              if (!p.matches(r.port(), r.protocol())) {
                continue;
              }
              found = true;
              out.add(new Target(e.ip(), p.port(), e.label() + "." + serviceDomain, settings.ttl()));
            }
          }
        } else {
          for (PortRecord p : svc.ports()) {
            if (!p.matches(r.port(), r.protocol())) {
              continue;
            }
            found = true;
            for (String ip : svc.clusterIPs()) {
              out.add(new Target(ip, p.port(), serviceDomain, settings.ttl()));
            }
          }
        }
      }
    }
    return found ? out : null;
  }

  /** CoreDNS' Reverse: PTR targets of an address, or the plain lookup for other names. */
  List<Target> reverse(Question q, List<String> allLabels) {
    String ip = ReverseNames.address(allLabels);
    if (ip == null) {
      List<Target> plain = records(q);
      return plain == null ? null : List.of();
    }
    List<Target> out = new ArrayList<>();
    reads.add(Reads.address(RecordIndex.canonicalIp(ip)));
    for (RecordIndex.ReverseName n : index.reverse(ip)) {
      String domain = (n.endpointLabel().isEmpty() ? "" : n.endpointLabel() + ".")
          + n.service() + "." + n.namespace() + ".svc." + settings.zone();
      out.add(new Target(domain, 0, domain, settings.ttl()));
    }
    return out.isEmpty() ? null : out;
  }
}
