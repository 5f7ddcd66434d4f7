package io.svclab.node.toolbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** dig, host and nslookup output from replies built with dnsjava, against the real tools' layouts. */
class DnsToolOutputTest {
  static Name name(String n) throws Exception {
    return Name.fromString(n);
  }

  static ARecord a(String owner, String ip) throws Exception {
    return new ARecord(name(owner), DClass.IN, 30, InetAddress.getByName(ip));
  }

  static Message reply(String qname, Record... answers) throws Exception {
    Message m = new Message(4711);
    m.getHeader().setFlag(Flags.QR);
    m.getHeader().setFlag(Flags.AA);
    m.getHeader().setFlag(Flags.RD);
    m.addRecord(Record.newRecord(name(qname), Type.A, DClass.IN), Section.QUESTION);
    for (Record r : answers) m.addRecord(r, Section.ANSWER);
    return m;
  }

  static Stream<Arguments> columns() {
    return Stream.of(
        Arguments.of("a short name: tabs to each column (dig's google.com line)",
            List.of("google.com.", "300", "IN", "A", "142.250.72.14"), false, "google.com.\t\t300\tIN\tA\t142.250.72.14"),
        Arguments.of("a long name passes the columns: one space each until a tab reaches one",
            List.of("kubernetes.default.svc.cluster.local.", "30", "IN", "A", "10.96.0.1"), false,
            "kubernetes.default.svc.cluster.local. 30 IN A\t10.96.0.1"),
        Arguments.of("a question: no TTL, the class in its own column",
            List.of(";google.com.", "", "IN", "A"), true, ";google.com.\t\t\tIN\tA"),
        Arguments.of("a long question", List.of(";kubernetes.default.svc.cluster.local.", "", "IN", "A"), true,
            ";kubernetes.default.svc.cluster.local. IN A"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("columns")
  void bindsColumns(String name, List<String> fields, boolean question, String expected) {
    assertThat(DigOutput.columns(fields, question)).isEqualTo(expected);
  }

  @Test
  void digsFullOutput() throws Exception {
    Message m = reply("backend-service.service-demo.svc.cluster.local.",
        a("backend-service.service-demo.svc.cluster.local.", "10.96.12.34"));
    m.addRecord(new OPTRecord(1232, 0, 0), Section.ADDITIONAL);
    DigOutput.Query q = new DigOutput.Query(List.of("backend-service.service-demo.svc.cluster.local"), "10.96.0.10", 53,
        ZonedDateTime.of(2026, 12, 3, 6, 5, 9, 0, ZoneOffset.UTC));
    assertThat(DigOutput.full(q, new DnsExchange.Reply(m, 91, 0))).isEqualTo("""

        ; <<>> DiG 9.18.33 <<>> backend-service.service-demo.svc.cluster.local
        ;; global options: +cmd
        ;; Got answer:
        ;; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: 4711
        ;; flags: qr aa rd; QUERY: 1, ANSWER: 1, AUTHORITY: 0, ADDITIONAL: 1
        ;; WARNING: recursion requested but not available

        ;; OPT PSEUDOSECTION:
        ; EDNS: version: 0, flags:; udp: 1232
        ;; QUESTION SECTION:
        ;backend-service.service-demo.svc.cluster.local. IN A

        ;; ANSWER SECTION:
        backend-service.service-demo.svc.cluster.local. 30 IN A 10.96.12.34

        ;; Query time: 0 msec
        ;; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)
        ;; WHEN: Thu Dec 03 06:05:09 UTC 2026
        ;; MSG SIZE  rcvd: 91

        """);
  }

  @Test
  void digShortPrintsOnlyTheData() throws Exception {
    Message m = reply("ext.default.svc.cluster.local.",
        new CNAMERecord(name("ext.default.svc.cluster.local."), DClass.IN, 30, name("web.other.svc.cluster.local.")),
        a("web.other.svc.cluster.local.", "10.96.7.8"));
    assertThat(DigOutput.terse(m)).isEqualTo("web.other.svc.cluster.local.\n10.96.7.8\n");
    assertThat(DigOutput.terse(reply("none."))).isEmpty();
  }

  @Test
  void digWithoutAServer() {
    DigOutput.Query q = new DigOutput.Query(List.of("+short", "x"), "10.96.0.10", 53, ZonedDateTime.now(ZoneOffset.UTC));
    assertThat(DigOutput.unreachable(q, 2)).isEqualTo("""
        ;; communications error to 10.96.0.10#53: timed out
        ;; communications error to 10.96.0.10#53: timed out

        ; <<>> DiG 9.18.33 <<>> +short x
        ;; global options: +cmd
        ;; no servers could be reached
        """);
  }

  @Test
  void hostsWords() throws Exception {
    Message m = reply("ext.default.svc.cluster.local.",
        new CNAMERecord(name("ext.default.svc.cluster.local."), DClass.IN, 30, name("example.com.")),
        a("example.com.", "93.184.216.34"));
    assertThat(Host.answer(m)).isEqualTo("""
        ext.default.svc.cluster.local is an alias for example.com.
        example.com has address 93.184.216.34
        """);
    assertThat(Host.notFound("nosuch", Rcode.NXDOMAIN)).isEqualTo("Host nosuch not found: 3(NXDOMAIN)");
  }

  static Stream<Arguments> nslookups() {
    return Stream.of(
        Arguments.of("busybox: the CNAME target without its dot", false,
            "ext.default.svc.cluster.local\tcanonical name = example.com\nName:\texample.com\nAddress: 93.184.216.34\n"),
        Arguments.of("bind: the target as a rooted name", true,
            "ext.default.svc.cluster.local\tcanonical name = example.com.\nName:\texample.com\nAddress: 93.184.216.34\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nslookups")
  void nslookupShowsCanonicalNames(String name, boolean bind, String expected) throws Exception {
    Message m = reply("ext.default.svc.cluster.local.",
        new CNAMERecord(name("ext.default.svc.cluster.local."), DClass.IN, 30, name("example.com.")),
        a("example.com.", "93.184.216.34"));
    assertThat(Nslookup.answer(m, bind)).isEqualTo(expected);
  }

  @Test
  void nslookupOfAClusterIpService() throws Exception {
    Message m = reply("web.default.svc.cluster.local.", a("web.default.svc.cluster.local.", "10.96.0.20"));
    assertThat(Nslookup.answer(m, false)).isEqualTo("Name:\tweb.default.svc.cluster.local\nAddress: 10.96.0.20\n");
  }
}
