package io.svclab.dns.answers;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.dns.Fixtures;
import io.svclab.dns.records.RecordIndex;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The answer table of CoreDNS' plugin/kubernetes/handler_test.go (dnsTestCases), plus
 * reverse, pod, apex and zone-edge cases from reverse_test.go, handler_pod_insecure_test.go
 * and ns_test.go. Records are compared as sorted "owner ttl class type rdata" lines.
 */
class DnsAnswererTest {
  static final String SOA = "cluster.local. 5 IN SOA ns.dns.cluster.local. hostmaster.cluster.local. 1499347823 7200 1800 86400 5";
  static final String REVERSE_SOA = "in-addr.arpa. 5 IN SOA ns.dns.in-addr.arpa. hostmaster.in-addr.arpa. 1499347823 7200 1800 86400 5";

  record Case(String name, String qname, int qtype, int rcode, List<String> answer, List<String> ns, List<String> extra) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case ok(String name, String qname, int qtype, String... answer) {
    return new Case(name, qname, qtype, Rcode.NOERROR, List.of(answer), List.of(), List.of());
  }

  static Case okExtra(String name, String qname, int qtype, List<String> answer, String... extra) {
    return new Case(name, qname, qtype, Rcode.NOERROR, answer, List.of(), List.of(extra));
  }

  static Case nodata(String name, String qname, int qtype) {
    return new Case(name, qname, qtype, Rcode.NOERROR, List.of(), List.of(SOA), List.of());
  }

  static Case nxdomain(String name, String qname, int qtype) {
    return new Case(name, qname, qtype, Rcode.NXDOMAIN, List.of(), List.of(SOA), List.of());
  }

  static Stream<Case> coreDnsTable() {
    String h = ".hdls1.testns.svc.cluster.local.";
    return Stream.of(
        ok("A service", "svc1.testns.svc.cluster.local.", Type.A, "svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1"),
        ok("A service without endpoints", "svcempty.testns.svc.cluster.local.", Type.A,
            "svcempty.testns.svc.cluster.local. 5 IN A 10.0.0.1"),
        okExtra("SRV service", "svc1.testns.svc.cluster.local.", Type.SRV,
            List.of("svc1.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc1.testns.svc.cluster.local."),
            "svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1"),
        okExtra("SRV service without endpoints", "svcempty.testns.svc.cluster.local.", Type.SRV,
            List.of("svcempty.testns.svc.cluster.local. 5 IN SRV 0 100 80 svcempty.testns.svc.cluster.local."),
            "svcempty.testns.svc.cluster.local. 5 IN A 10.0.0.1"),
        okExtra("SRV IPv6 service", "svc6.testns.svc.cluster.local.", Type.SRV,
            List.of("svc6.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc6.testns.svc.cluster.local."),
            "svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1"),
        okExtra("SRV named port", "_http._tcp.svc1.testns.svc.cluster.local.", Type.SRV,
            List.of("_http._tcp.svc1.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc1.testns.svc.cluster.local."),
            "svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1"),
        okExtra("SRV named port without endpoints", "_http._tcp.svcempty.testns.svc.cluster.local.", Type.SRV,
            List.of("_http._tcp.svcempty.testns.svc.cluster.local. 5 IN SRV 0 100 80 svcempty.testns.svc.cluster.local."),
            "svcempty.testns.svc.cluster.local. 5 IN A 10.0.0.1"),
        ok("A headless: one per ready endpoint", "hdls1.testns.svc.cluster.local.", Type.A,
            "hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.2", "hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.3",
            "hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.4", "hdls1.testns.svc.cluster.local. 5 IN A 172.0.0.5"),
        ok("A headless portless", "hdlsprtls.testns.svc.cluster.local.", Type.A,
            "hdlsprtls.testns.svc.cluster.local. 5 IN A 172.0.0.20"),
        ok("A endpoint of a portless service", "172-0-0-20.hdlsprtls.testns.svc.cluster.local.", Type.A,
            "172-0-0-20.hdlsprtls.testns.svc.cluster.local. 5 IN A 172.0.0.20"),
        ok("A endpoint by address", "172-0-0-2" + h, Type.A, "172-0-0-2" + h + " 5 IN A 172.0.0.2"),
        ok("A endpoint by address 2", "172-0-0-3" + h, Type.A, "172-0-0-3" + h + " 5 IN A 172.0.0.3"),
        ok("A endpoint by hostname (two share it)", "dup-name" + h, Type.A,
            "dup-name" + h + " 5 IN A 172.0.0.4", "dup-name" + h + " 5 IN A 172.0.0.5"),
        okExtra("SRV headless: one per endpoint name", "_http._tcp" + h, Type.SRV,
            List.of("_http._tcp" + h + " 5 IN SRV 0 16 80 172-0-0-2" + h,
                "_http._tcp" + h + " 5 IN SRV 0 16 80 172-0-0-3" + h,
                "_http._tcp" + h + " 5 IN SRV 0 16 80 5678-abcd--1" + h,
                "_http._tcp" + h + " 5 IN SRV 0 16 80 5678-abcd--2" + h,
                "_http._tcp" + h + " 5 IN SRV 0 16 80 dup-name" + h),
            "172-0-0-2" + h + " 5 IN A 172.0.0.2", "172-0-0-3" + h + " 5 IN A 172.0.0.3",
            "5678-abcd--1" + h + " 5 IN AAAA 5678:abcd::1", "5678-abcd--2" + h + " 5 IN AAAA 5678:abcd::2",
            "dup-name" + h + " 5 IN A 172.0.0.4", "dup-name" + h + " 5 IN A 172.0.0.5"),
        ok("AAAA endpoint", "5678-abcd--2" + h, Type.AAAA, "5678-abcd--2" + h + " 5 IN AAAA 5678:abcd::2"),
        ok("CNAME ExternalName", "external.testns.svc.cluster.local.", Type.CNAME,
            "external.testns.svc.cluster.local. 5 IN CNAME ext.interwebs.test."),
        ok("A ExternalName outside the zone: the CNAME, no A synthesised", "external.testns.svc.cluster.local.", Type.A,
            "external.testns.svc.cluster.local. 5 IN CNAME ext.interwebs.test."),
        ok("A ExternalName to an internal service: CNAME then A", "external-to-service.testns.svc.cluster.local.", Type.A,
            "external-to-service.testns.svc.cluster.local. 5 IN CNAME svc1.testns.svc.cluster.local.",
            "svc1.testns.svc.cluster.local. 5 IN A 10.0.0.1"),
        nodata("AAAA of an IPv4 service is NODATA", "svc1.testns.svc.cluster.local.", Type.AAAA),
        nxdomain("AAAA of a missing service", "svc0.testns.svc.cluster.local.", Type.AAAA),
        nxdomain("A of a missing service", "svc0.testns.svc.cluster.local.", Type.A),
        nxdomain("A in a missing namespace", "svc0.svc-nons.svc.cluster.local.", Type.A),
        new Case("TXT dns-version", "dns-version.cluster.local.", Type.TXT, Rcode.NOERROR,
            List.of("dns-version.cluster.local. 28800 IN TXT \"1.1.0\""), List.of(), List.of()),
        nxdomain("A missing endpoint of a headless service", "bogusendpoint" + h, Type.A),
        nxdomain("A endpoint of a missing service", "bogusendpoint.svc0.testns.svc.cluster.local.", Type.A),
        ok("AAAA service", "svc6.testns.svc.cluster.local.", Type.AAAA, "svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1"),
        okExtra("SRV named port of an IPv6 service", "_http._tcp.svc6.testns.svc.cluster.local.", Type.SRV,
            List.of("_http._tcp.svc6.testns.svc.cluster.local. 5 IN SRV 0 100 80 svc6.testns.svc.cluster.local."),
            "svc6.testns.svc.cluster.local. 5 IN AAAA 1234:abcd::1"),
        ok("AAAA headless", "hdls1.testns.svc.cluster.local.", Type.AAAA,
            "hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::1", "hdls1.testns.svc.cluster.local. 5 IN AAAA 5678:abcd::2"),
        ok("AAAA endpoint 1", "5678-abcd--1" + h, Type.AAAA, "5678-abcd--1" + h + " 5 IN AAAA 5678:abcd::1"),
        nodata("A svc.<zone> exists", "svc.cluster.local.", Type.A),
        nodata("A pod.<zone> exists", "pod.cluster.local.", Type.A),
        nodata("A <ns>.svc.<zone> exists", "testns.svc.cluster.local.", Type.A),
        nodata("NS below the apex, existing", "svc.cluster.local.", Type.NS),
        nodata("NS below the apex, existing namespace", "testns.svc.cluster.local.", Type.NS),
        nxdomain("NS below the apex, missing", "foo.cluster.local.", Type.NS),
        nxdomain("NS below the apex, missing under svc", "foo.svc.cluster.local.", Type.NS),
        ok("A dual-stack service", "svc-dual-stack.testns.svc.cluster.local.", Type.A,
            "svc-dual-stack.testns.svc.cluster.local. 5 IN A 10.0.0.3"),
        ok("AAAA dual-stack service", "svc-dual-stack.testns.svc.cluster.local.", Type.AAAA,
            "svc-dual-stack.testns.svc.cluster.local. 5 IN AAAA 10::3"),
        okExtra("SRV dual-stack service", "svc-dual-stack.testns.svc.cluster.local.", Type.SRV,
            List.of("svc-dual-stack.testns.svc.cluster.local. 5 IN SRV 0 50 80 svc-dual-stack.testns.svc.cluster.local."),
            "svc-dual-stack.testns.svc.cluster.local. 5 IN A 10.0.0.3",
            "svc-dual-stack.testns.svc.cluster.local. 5 IN AAAA 10::3"),
        nodata("SOA below the apex is NODATA", "svc1.testns.svc.cluster.local.", Type.SOA),
        nxdomain("a name below an ExternalName service does not exist", "endpoint.external.testns.svc.cluster.local.",
            Type.CNAME));
  }

  static Stream<Case> moreCases() {
    return Stream.of(
        ok("PTR of a ClusterIP", "3.0.0.10.in-addr.arpa.", Type.PTR,
            "3.0.0.10.in-addr.arpa. 5 IN PTR svc-dual-stack.testns.svc.cluster.local."),
        ok("PTR of a headless endpoint address", "2.0.0.172.in-addr.arpa.", Type.PTR,
            "2.0.0.172.in-addr.arpa. 5 IN PTR 172-0-0-2.hdls1.testns.svc.cluster.local."),
        ok("PTR of an endpoint with a hostname", "4.0.0.172.in-addr.arpa.", Type.PTR,
            "4.0.0.172.in-addr.arpa. 5 IN PTR dup-name.hdls1.testns.svc.cluster.local."),
        ok("PTR of an IPv6 ClusterIP", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa.", Type.PTR,
            "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.ip6.arpa. 5 IN PTR svc6.testns.svc.cluster.local."),
        new Case("PTR of an unknown address: NXDOMAIN, reverse SOA", "9.9.9.9.in-addr.arpa.", Type.PTR, Rcode.NXDOMAIN,
            List.of(), List.of(REVERSE_SOA), List.of()),
        new Case("PTR of a not-ready endpoint: NXDOMAIN", "9.0.0.172.in-addr.arpa.", Type.PTR, Rcode.NXDOMAIN,
            List.of(), List.of(REVERSE_SOA), List.of()),
        nodata("PTR of an existing forward name is NODATA", "svc1.testns.svc.cluster.local.", Type.PTR),
        ok("A pod record (pods insecure)", "1-2-3-4.podns.pod.cluster.local.", Type.A,
            "1-2-3-4.podns.pod.cluster.local. 5 IN A 1.2.3.4"),
        ok("AAAA pod record", "1234-5678--1.podns.pod.cluster.local.", Type.AAAA,
            "1234-5678--1.podns.pod.cluster.local. 5 IN AAAA 1234:5678::1"),
        nodata("A of an IPv6 pod record is NODATA", "1234-5678--1.podns.pod.cluster.local.", Type.A),
        nxdomain("pod record in a missing namespace", "1-2-3-4.nons.pod.cluster.local.", Type.A),
        nxdomain("pod record that is not an address", "foo.podns.pod.cluster.local.", Type.A),
        nodata("<ns>.pod.<zone> exists", "podns.pod.cluster.local.", Type.A),
        new Case("SOA at the apex", "cluster.local.", Type.SOA, Rcode.NOERROR, List.of(SOA), List.of(), List.of()),
        new Case("NS at the apex, glue in additional", "cluster.local.", Type.NS, Rcode.NOERROR,
            List.of("cluster.local. 5 IN NS ns.dns.cluster.local."), List.of(),
            List.of("ns.dns.cluster.local. 5 IN A 127.0.0.1")),
        ok("A ns.dns.<zone>", "ns.dns.cluster.local.", Type.A, "ns.dns.cluster.local. 5 IN A 127.0.0.1"),
        nodata("A at the apex is NODATA", "cluster.local.", Type.A),
        nxdomain("A dns-version is NXDOMAIN (TXT only, as CoreDNS)", "dns-version.cluster.local.", Type.A),
        nodata("TXT of a service that exists is NODATA", "svc1.testns.svc.cluster.local.", Type.TXT),
        nxdomain("TXT of a missing service", "svc0.testns.svc.cluster.local.", Type.TXT),
        nodata("MX of a service is NODATA", "svc1.testns.svc.cluster.local.", Type.MX),
        nxdomain("MX of a missing service", "svc0.testns.svc.cluster.local.", Type.MX),
        nxdomain("too many labels", "a.b._http._tcp.svc1.testns.svc.cluster.local.", Type.A),
        nxdomain("SRV with an unknown port name", "_dns._udp.svc1.testns.svc.cluster.local.", Type.SRV),
        ok("A endpoint name on a ClusterIP service", "ep1a.svc1.testns.svc.cluster.local.", Type.A,
            "ep1a.svc1.testns.svc.cluster.local. 5 IN A 172.0.0.1"),
        nodata("SRV of an ExternalName service is NODATA", "external.testns.svc.cluster.local.", Type.SRV),
        ok("case-insensitive, the query's case kept", "SVC1.TestNS.svc.Cluster.Local.", Type.A,
            "SVC1.TestNS.svc.Cluster.Local. 5 IN A 10.0.0.1"),
        new Case("NXDOMAIN keeps the zone's case in the SOA", "SVC0.testns.svc.CLUSTER.local.", Type.A, Rcode.NXDOMAIN,
            List.of(), List.of(SOA.replace("cluster.local. 5", "CLUSTER.local. 5")), List.of()),
        new Case("outside the zone without an upstream: REFUSED", "example.com.", Type.A, Rcode.REFUSED,
            List.of(), List.of(), List.of()),
        new Case("AXFR: REFUSED", "cluster.local.", Type.AXFR, Rcode.REFUSED, List.of(), List.of(), List.of()));
  }

  private final DnsAnswerer answerer = new DnsAnswerer(Fixtures::coreDnsIndex, AnswerSettings.defaults());

  @ParameterizedTest(name = "{0}")
  @MethodSource("coreDnsTable")
  void answersAsCoreDnsHandlerTest(Case c) throws Exception {
    check(answerer, c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("moreCases")
  void answersReversePodApexAndEdges(Case c) throws Exception {
    check(answerer, c);
  }

  @Test
  void beforeTheFirstSyncAMissingNameIsServfail() throws Exception {
    DnsAnswerer unsynced = new DnsAnswerer(() -> Fixtures.coreDnsIndex().unsynced(), AnswerSettings.defaults());
    check(unsynced, new Case("", "svc0.testns.svc.cluster.local.", Type.A, Rcode.SERVFAIL, List.of(), List.of(SOA), List.of()));
  }

  @Test
  void withAnUpstreamOutsideNamesAndReverseMissesAreForwarded() throws Exception {
    DnsAnswerer forwarding = new DnsAnswerer(Fixtures::coreDnsIndex, AnswerSettings.defaults().withUpstream(true));
    assertThat(forwarding.answer(query("example.com.", Type.A))).isInstanceOf(Outcome.Forward.class);
    assertThat(forwarding.answer(query("9.9.9.9.in-addr.arpa.", Type.PTR))).isInstanceOf(Outcome.Forward.class);
    // names of the cluster domain never leave: NXDOMAIN stays NXDOMAIN
    assertThat(((Outcome.Reply) forwarding.answer(query("svc0.testns.svc.cluster.local.", Type.A))).message().getRcode())
        .isEqualTo(Rcode.NXDOMAIN);
  }

  @Test
  void podsVerifiedNeedsAPodWithThatAddress() throws Exception {
    var cluster = Fixtures.coreDnsCluster();
    cluster.putPod(io.svclab.api.v1.Pod.newBuilder()
        .setMetadata(io.svclab.api.v1.ObjectMeta.newBuilder().setNamespace("podns").setName("p"))
        .setStatus(io.svclab.api.v1.PodStatus.newBuilder().setPodIp("10.244.0.7")).build());
    RecordIndex index = cluster.index(Fixtures.SERIAL);
    DnsAnswerer verified = new DnsAnswerer(() -> index, AnswerSettings.defaults().withPodMode(PodMode.VERIFIED));
    check(verified, ok("", "10-244-0-7.podns.pod.cluster.local.", Type.A, "10-244-0-7.podns.pod.cluster.local. 5 IN A 10.244.0.7"));
    check(verified, nxdomain("", "1-2-3-4.podns.pod.cluster.local.", Type.A));
    DnsAnswerer disabled = new DnsAnswerer(() -> index, AnswerSettings.defaults().withPodMode(PodMode.DISABLED));
    check(disabled, nxdomain("", "10-244-0-7.podns.pod.cluster.local.", Type.A));
  }

  @Test
  void replyFlagsAreAuthoritativeWithRdCopiedAndNoRa() throws Exception {
    Message q = query("svc1.testns.svc.cluster.local.", Type.A);
    Message m = ((Outcome.Reply) answerer.answer(q)).message();
    assertThat(m.getHeader().getID()).isEqualTo(q.getHeader().getID());
    assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.AA)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RD)).isTrue();
    assertThat(m.getHeader().getFlag(Flags.RA)).isFalse();
  }

  static Message query(String name, int type) throws Exception {
    return Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
  }

  static void check(DnsAnswerer answerer, Case c) throws Exception {
    Outcome outcome = answerer.answer(query(c.qname(), c.qtype()));
    assertThat(outcome).isInstanceOf(Outcome.Reply.class);
    Message m = ((Outcome.Reply) outcome).message();
    assertThat(Rcode.string(m.getRcode())).as("rcode").isEqualTo(Rcode.string(c.rcode()));
    assertThat(lines(m, Section.ANSWER)).as("answer").isEqualTo(sorted(c.answer()));
    assertThat(lines(m, Section.AUTHORITY)).as("authority").isEqualTo(sorted(c.ns()));
    assertThat(lines(m, Section.ADDITIONAL)).as("additional").isEqualTo(sorted(c.extra()));
  }

  static List<String> lines(Message m, int section) {
    return m.getSection(section).stream().map(r -> normalize(r.toString())).sorted().collect(Collectors.toList());
  }

  static List<String> sorted(List<String> expected) {
    return expected.stream().map(DnsAnswererTest::normalize).sorted().collect(Collectors.toList());
  }

  /** Single spaces; IPv6 addresses in one spelling (dnsjava prints them uncompressed). */
  static String normalize(String record) {
    List<String> tokens = new java.util.ArrayList<>(Arrays.asList(record.trim().split("\\s+")));
    int last = tokens.size() - 1;
    if (tokens.size() > 3 && tokens.get(last - 1).equals("AAAA")) {
      tokens.set(last, io.svclab.dns.records.RecordIndex.canonicalIp(tokens.get(last)));
    }
    return String.join(" ", tokens);
  }
}
