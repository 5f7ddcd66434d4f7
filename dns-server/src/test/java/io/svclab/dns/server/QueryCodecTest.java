package io.svclab.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.dns.Fixtures;
import io.svclab.dns.answers.AnswerSettings;
import io.svclab.dns.answers.DnsAnswerer;
import io.svclab.dns.records.ClusterRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** Wire rules: accept/reject, EDNS0, truncation. */
class QueryCodecTest {
  static final QueryCodec CODEC;

  static {
    ClusterRecords cluster = Fixtures.coreDnsCluster();
    List<String> many = new ArrayList<>();
    for (int i = 1; i <= 100; i++) many.add("10.1.0." + i);
    cluster.putService(Fixtures.service("testns", "big", "None", "http/TCP/80"));
    cluster.putSlice(Fixtures.slice("testns", "big", "big-1", "IPv4", many, "http/TCP/80"));
    var index = cluster.index(Fixtures.SERIAL);
    CODEC = new QueryCodec(new DnsAnswerer(() -> index, AnswerSettings.defaults()));
  }

  /** expected: "drop", or "RCODE" plus checks on the reply. */
  record Case(String name, byte[] packet, QueryCodec.Transport transport, String rcode, Function<Message, Boolean> check) {
    @Override
    public String toString() {
      return name;
    }
  }

  static byte[] query(String name, int type, OPTRecord opt) {
    try {
      Message m = Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN));
      if (opt != null) m.addRecord(opt, Section.ADDITIONAL);
      return m.toWire();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] with(byte[] p, int offset, int value) {
    byte[] c = p.clone();
    c[offset] = (byte) value;
    return c;
  }

  static Stream<Case> cases() {
    byte[] a = query("svc1.testns.svc.cluster.local.", Type.A, null);
    QueryCodec.Transport udp = QueryCodec.Transport.UDP;
    QueryCodec.Transport tcp = QueryCodec.Transport.TCP;
    return Stream.of(
        new Case("a query", a, udp, "NOERROR", m -> m.getSection(Section.ANSWER).size() == 1 && m.getOPT() == null),
        new Case("shorter than a header: dropped", new byte[] {1, 2, 3}, udp, "drop", null),
        new Case("a response (QR): dropped", with(a, 2, a[2] | 0x80), udp, "drop", null),
        new Case("opcode UPDATE: NOTIMP", with(a, 2, (a[2] & 0x87) | (5 << 3)), udp, "NOTIMP", m -> true),
        new Case("opcode STATUS: NOTIMP", with(a, 2, (a[2] & 0x87) | (2 << 3)), udp, "NOTIMP", m -> true),
        new Case("no question: FORMERR", with(a, 5, 0), udp, "FORMERR", m -> true),
        new Case("two questions: FORMERR", with(a, 5, 2), udp, "FORMERR", m -> true),
        new Case("question cut short: FORMERR", java.util.Arrays.copyOf(a, a.length - 3), udp, "FORMERR", m -> true),
        new Case("label pointing forward (bad compression): FORMERR",
            with(with(a, 12, 0xc0), 13, 0x20), udp, "FORMERR", m -> true),
        new Case("EDNS version 1: BADVERS", query("svc1.testns.svc.cluster.local.", Type.A, new OPTRecord(4096, 0, 1, 0)), udp,
            "BADVERS", m -> m.getOPT() != null),
        new Case("EDNS: OPT back with 1232 and DO echoed",
            query("svc1.testns.svc.cluster.local.", Type.A, new OPTRecord(4096, 0, 0, ExtendedFlags.DO)), udp, "NOERROR",
            m -> m.getOPT().getPayloadSize() == 1232 && (m.getOPT().getFlags() & ExtendedFlags.DO) != 0),
        new Case("100 A records over UDP without EDNS: TC, fits 512",
            query("big.testns.svc.cluster.local.", Type.A, null), udp, "NOERROR",
            m -> m.getHeader().getFlag(Flags.TC) && m.getSection(Section.ANSWER).size() < 100
                && m.toWire().length <= 512),
        new Case("100 A records over UDP with a 4096 EDNS buffer: capped at 1232, TC",
            query("big.testns.svc.cluster.local.", Type.A, new OPTRecord(4096, 0, 0, 0)), udp, "NOERROR",
            m -> m.getHeader().getFlag(Flags.TC) && m.getOPT() != null && m.toWire().length <= 1232),
        new Case("100 A records over TCP: all, no TC",
            query("big.testns.svc.cluster.local.", Type.A, null), tcp, "NOERROR",
            m -> !m.getHeader().getFlag(Flags.TC) && m.getSection(Section.ANSWER).size() == 100),
        new Case("SRV over UDP: additional dropped before TC",
            query("_http._tcp.hdls1.testns.svc.cluster.local.", Type.SRV, null), udp, "NOERROR",
            m -> !m.getHeader().getFlag(Flags.TC) && m.getSection(Section.ANSWER).size() == 5));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void handles(Case c) throws Exception {
    QueryCodec.Result result = CODEC.handle(c.packet(), c.transport());
    if (c.rcode().equals("drop")) {
      assertThat(result).isInstanceOf(QueryCodec.Drop.class);
      return;
    }
    assertThat(result).isInstanceOf(QueryCodec.Respond.class);
    byte[] wire = ((QueryCodec.Respond) result).wire();
    Message m = new Message(wire);
    assertThat(m.getHeader().getID()).isEqualTo(((c.packet()[0] & 0xff) << 8) | (c.packet()[1] & 0xff));
    assertThat(m.getHeader().getFlag(Flags.QR)).isTrue();
    assertThat(Rcode.string(m.getRcode())).isEqualTo(c.rcode());
    assertThat(c.check().apply(m)).as("reply check on\n" + m).isTrue();
  }
}
