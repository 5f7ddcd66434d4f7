package io.svclab.dns.answers;

import io.svclab.dns.records.Reads;
import io.svclab.dns.records.RecordIndex;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * One query in, one answer out, no I/O: CoreDNS' kubernetes plugin (handler.go ServeDNS and
 * the plugin/backend_lookup.go record builders) over an immutable {@link RecordIndex}.
 *
 * <ul>
 *   <li>Names outside the cluster domain and the reverse trees: {@link Outcome#FORWARD} with
 *       an upstream, else REFUSED.</li>
 *   <li>A name that does not exist: NXDOMAIN with the zone's SOA in authority (SERVFAIL before
 *       the first sync, as CoreDNS); a reverse miss goes upstream when there is one (kubeadm's
 *       {@code fallthrough in-addr.arpa ip6.arpa}).</li>
 *   <li>A name that exists without the asked type: NOERROR, empty answer, SOA in authority.</li>
 * </ul>
 * Answers are authoritative; owner names keep the query's case (0x20).
 */
public final class DnsAnswerer {
  private static final int MAX_CNAME_CHAIN = 8;

  private final Supplier<RecordIndex> index;
  private final AnswerSettings settings;

  public DnsAnswerer(Supplier<RecordIndex> index, AnswerSettings settings) {
    this.index = index;
    this.settings = settings;
  }

  public AnswerSettings settings() {
    return settings;
  }

  /** The zone a query falls in ("." for everything else): the metrics' {@code zone} label. */
  public String zoneOf(Name qname) {
    String z = zoneFor(lowerFqdn(qname));
    return z == null ? "." : z;
  }

  public Outcome answer(Message query) {
    return answer(query, index.get());
  }

  /** The index queries are answered from now (a reply cache belongs to one index). */
  public RecordIndex index() {
    return index.get();
  }

  /** {@link #answer(Message)} from a given index: a caller that caches the reply knows which index made it. */
  public Outcome answer(Message query, RecordIndex idx) {
    Record question = query.getQuestion();
    Name qname = question.getName();
    int qtype = question.getType();
    String fqdn = lowerFqdn(qname);
    String zone = zoneFor(fqdn);
    if (zone == null || (question.getDClass() != DClass.IN && question.getDClass() != DClass.ANY)) {
      return zone == null && settings.upstream() ? Outcome.FORWARD : reply(base(query, Rcode.REFUSED, false));
    }
    List<String> allLabels = labels(qname);
    int zoneLabels = zone.equals(".") ? 0 : zone.split("\\.").length;
    List<String> relative = allLabels.subList(0, allLabels.size() - zoneLabels);
    Name zoneOwner = new Name(qname, relative.size());
    Reads reads = new Reads();
    Lookup lookup = new Lookup(idx, settings, reads);
    Lookup.Question q = new Lookup.Question(fqdn, relative, zone, qtype);

    List<Record> answer;
    List<Record> extra = new ArrayList<>();
    switch (qtype) {
      case Type.A, Type.AAAA -> answer = address(lookup, qname, q, new ArrayList<>());
      case Type.TXT -> answer = txt(lookup, qname, q);
      case Type.CNAME -> answer = cname(lookup, qname, q);
      case Type.PTR -> answer = ptr(lookup, qname, q, allLabels);
      case Type.SRV -> answer = srv(lookup, qname, q, extra);
      case Type.SOA -> answer = fqdn.equals(zone)
          ? List.of(Apex.soa(qname, zone, settings.ttl(), serial(idx, reads))) : List.of();
      case Type.AXFR, Type.IXFR -> {
        return reply(base(query, Rcode.REFUSED, false));
      }
      case Type.NS -> answer = fqdn.equals(zone) ? ns(lookup, qname, q, extra) : fakeA(lookup, q);
      default -> answer = fakeA(lookup, q);
    }

    if (answer == null) {
      if (settings.upstream() && !zone.equals(settings.zone())) {
        return Outcome.FORWARD;
      }
      reads.add(Reads.SYNCED);
      int rcode = idx.synced() ? Rcode.NXDOMAIN : Rcode.SERVFAIL;
      Message m = base(query, rcode, true);
      m.addRecord(Apex.soa(zoneOwner, zone, settings.ttl(), serial(idx, reads)), Section.AUTHORITY);
      return reply(m, reads);
    }
    Message m = base(query, Rcode.NOERROR, true);
    if (answer.isEmpty()) {
      m.addRecord(Apex.soa(zoneOwner, zone, settings.ttl(), serial(idx, reads)), Section.AUTHORITY);
      return reply(m, reads);
    }
    answer.forEach(r -> m.addRecord(r, Section.ANSWER));
    extra.forEach(r -> m.addRecord(r, Section.ADDITIONAL));
    return reply(m, reads);
  }

  private static long serial(RecordIndex idx, Reads reads) {
    reads.add(Reads.SERIAL);
    return idx.serial();
  }

  /** The default branch of ServeDNS: an A lookup tells NODATA from NXDOMAIN. */
  private List<Record> fakeA(Lookup lookup, Lookup.Question q) {
    List<Record> found = address(lookup, null, new Lookup.Question(q.fqdn(), q.labels(), q.zone(), Type.A),
        new ArrayList<>());
    return found == null ? null : List.of();
  }

  // ---- A and AAAA (plugin.A / plugin.AAAA) ----

  private List<Record> address(Lookup lookup, Name qname, Lookup.Question q, List<Record> previous) {
    List<Target> targets = lookup.services(q);
    if (targets == null) {
      return null;
    }
    Target.HostType wanted = q.type() == Type.AAAA ? Target.HostType.AAAA : Target.HostType.A;
    List<Record> records = new ArrayList<>();
    Set<String> dup = new HashSet<>();
    for (Target t : targets) {
      Target.HostType type = t.hostType();
      if (type == Target.HostType.CNAME) {
        if (qname == null) continue; // a fake lookup only needs existence
        String target = fqdn(t.host());
        if (target.equals(q.fqdn()) || target.endsWith("." + q.fqdn())) {
          continue; // CNAME loop
        }
        if (previous.size() >= MAX_CNAME_CHAIN - 1) {
          continue;
        }
        Name targetName = name(target);
        if (targetName == null) continue;
        CNAMERecord cname = new CNAMERecord(qname, DClass.IN, t.ttl(), targetName);
        if (previous.stream().anyMatch(r -> r instanceof CNAMERecord c && c.getTarget().equals(targetName))) {
          continue;
        }
        String zone = zoneFor(target);
        if (q.zone().equals(zone)) {
          List<String> targetLabels = labels(targetName);
          Lookup.Question next = new Lookup.Question(target,
              targetLabels.subList(0, targetLabels.size() - zoneLabelCount(zone)), zone, q.type());
          List<Record> chain = new ArrayList<>(previous);
          chain.add(cname);
          List<Record> nextRecords = address(lookup, targetName, next, chain);
          if (nextRecords != null && !nextRecords.isEmpty()) {
            records.add(cname);
            records.addAll(nextRecords);
          }
          continue;
        }
        // outside the zone: the CNAME alone, no A synthesised (the client resolves the target)
        records.add(cname);
        continue;
      }
      if (type != wanted || !dup.add(t.host())) {
        continue;
      }
      if (qname != null) {
        records.add(addressRecord(qname, t.address(), t.ttl()));
      } else {
        records.add(null); // existence only
      }
    }
    return records;
  }

  private static Record addressRecord(Name owner, byte[] raw, long ttl) {
    try {
      InetAddress a = InetAddress.getByAddress(raw);
      return raw.length == 4 ? new ARecord(owner, DClass.IN, ttl, a) : new AAAARecord(owner, DClass.IN, ttl, a);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e); // impossible: 4 or 16 bytes
    }
  }

  // ---- TXT, CNAME, PTR ----

  private List<Record> txt(Lookup lookup, Name qname, Lookup.Question q) {
    List<Target> targets = lookup.services(q);
    if (targets == null) return null;
    List<Record> out = new ArrayList<>();
    for (Target t : targets) {
      out.add(new TXTRecord(qname, DClass.IN, t.ttl(), t.host()));
    }
    return out;
  }

  private List<Record> cname(Lookup lookup, Name qname, Lookup.Question q) {
    List<Target> targets = lookup.services(q);
    if (targets == null) return null;
    if (!targets.isEmpty() && targets.get(0).hostType() == Target.HostType.CNAME) {
      Name target = name(fqdn(targets.get(0).host()));
      if (target != null) {
        return List.of(new CNAMERecord(qname, DClass.IN, targets.get(0).ttl(), target));
      }
    }
    return List.of();
  }

  private List<Record> ptr(Lookup lookup, Name qname, Lookup.Question q, List<String> allLabels) {
    List<Target> targets = lookup.reverse(q, allLabels);
    if (targets == null) return null;
    List<Record> out = new ArrayList<>();
    Set<String> dup = new HashSet<>();
    for (Target t : targets) {
      Name target = name(fqdn(t.host()));
      if (target != null && dup.add(t.host())) {
        out.add(new PTRRecord(qname, DClass.IN, t.ttl(), target));
      }
    }
    return out;
  }

  // ---- SRV (plugin.SRV) and NS (plugin.NS) ----

  private List<Record> srv(Lookup lookup, Name qname, Lookup.Question q, List<Record> extra) {
    List<Target> targets = lookup.services(q);
    if (targets == null) return null;
    // every target weighs 100 within priority 0; the weights are shares of 100 (CoreDNS)
    int total = 100 * targets.size();
    int weight = Math.max(1, (int) Math.floor(100.0 / total * 100));
    List<Record> records = new ArrayList<>();
    Set<String> dup = new HashSet<>();
    Map<String, Name> names = new HashMap<>();
    for (Target t : targets) {
      if (t.port() == -1) {
        continue; // a portless endpoint: no SRV
      }
      Target.HostType type = t.hostType();
      if (type == Target.HostType.CNAME) {
        continue; // removed by services() already
      }
      Name target = names.computeIfAbsent(t.domain(), DnsAnswerer::name);
      if (target == null) continue;
      if (dup.add(t.domain() + " " + t.port())) {
        records.add(new SRVRecord(qname, DClass.IN, t.ttl(), 0, weight, t.port(), target));
      }
      if (dup.add(t.domain() + " " + t.host() + " 0")) {
        extra.add(addressRecord(target, t.address(), t.ttl()));
      }
    }
    return records;
  }

  private List<Record> ns(Lookup lookup, Name qname, Lookup.Question q, List<Record> extra) {
    List<Record> records = new ArrayList<>();
    boolean first = true;
    for (Target t : lookup.nsAddresses(q.zone())) {
      Name target = name(t.domain());
      if (target == null || t.hostType() == Target.HostType.CNAME) continue;
      if (first) {
        records.add(new NSRecord(qname, DClass.IN, t.ttl(), target));
        first = false;
      }
      extra.add(addressRecord(target, t.address(), t.ttl()));
    }
    return records;
  }

  // ---- messages and names ----

  static Message base(Message query, int rcode, boolean authoritative) {
    Message m = new Message(query.getHeader().getID());
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setOpcode(query.getHeader().getOpcode());
    if (query.getHeader().getFlag(Flags.RD)) m.getHeader().setFlag(Flags.RD);
    if (query.getHeader().getFlag(Flags.CD)) m.getHeader().setFlag(Flags.CD);
    if (authoritative) m.getHeader().setFlag(Flags.AA);
    m.getHeader().setRcode(rcode);
    if (query.getQuestion() != null) {
      m.addRecord(query.getQuestion(), Section.QUESTION);
    }
    return m;
  }

  /** A reply that read nothing of the index (REFUSED, outside the zones). */
  private static Outcome reply(Message m) {
    return new Outcome.Reply(m, new long[0]);
  }

  private static Outcome reply(Message m, Reads reads) {
    return new Outcome.Reply(m, reads.keys());
  }

  private String zoneFor(String fqdn) {
    String best = null;
    for (String z : settings.zones()) {
      if ((fqdn.equals(z) || fqdn.endsWith("." + z)) && (best == null || z.length() > best.length())) {
        best = z;
      }
    }
    return best;
  }

  private static int zoneLabelCount(String zone) {
    return zone.split("\\.").length;
  }

  static List<String> labels(Name name) {
    int n = name.labels() - (name.isAbsolute() ? 1 : 0);
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(name.getLabelString(i).toLowerCase(Locale.ROOT));
    }
    return out;
  }

  static String lowerFqdn(Name name) {
    if (name.labels() <= 1) return ".";
    return String.join(".", labels(name)) + ".";
  }

  private static String fqdn(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.endsWith(".") ? h : h + ".";
  }

  private static Name name(String fqdn) {
    try {
      return Name.fromString(fqdn);
    } catch (TextParseException e) {
      return null;
    }
  }
}
