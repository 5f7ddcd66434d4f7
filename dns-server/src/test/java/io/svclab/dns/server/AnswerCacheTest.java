package io.svclab.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.dns.Fixtures;
import io.svclab.dns.answers.AnswerSettings;
import io.svclab.dns.answers.DnsAnswerer;
import io.svclab.dns.records.ClusterRecords;
import io.svclab.dns.records.RecordIndex;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** A cached reply is byte for byte the reply the uncached path gives, ID patched; a new index empties the cache. */
class AnswerCacheTest {
  record Case(String name, String qname, int type, OPTRecord opt, QueryCodec.Transport transport) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("ClusterIP A", "svc1.testns.svc.cluster.local.", Type.A, null, QueryCodec.Transport.UDP),
        new Case("0x20 case kept", "SvC1.TestNS.svc.Cluster.local.", Type.A, null, QueryCodec.Transport.UDP),
        new Case("headless A over TCP", "hdls1.testns.svc.cluster.local.", Type.A, null, QueryCodec.Transport.TCP),
        new Case("SRV with additional, EDNS", "_http._tcp.hdls1.testns.svc.cluster.local.", Type.SRV,
            new OPTRecord(1232, 0, 0, 0), QueryCodec.Transport.UDP),
        new Case("NXDOMAIN with SOA", "nope.testns.svc.cluster.local.", Type.A, null, QueryCodec.Transport.UDP),
        new Case("NODATA", "svc1.testns.svc.cluster.local.", Type.MX, null, QueryCodec.Transport.UDP),
        new Case("outside the zone: REFUSED", "example.com.", Type.A, null, QueryCodec.Transport.UDP),
        new Case("PTR", "1.0.0.10.in-addr.arpa.", Type.PTR, null, QueryCodec.Transport.UDP));
  }

  static byte[] query(Case c, int id) throws Exception {
    Message m = Message.newQuery(Record.newRecord(Name.fromString(c.qname()), c.type(), DClass.IN));
    m.getHeader().setID(id);
    if (c.opt() != null) m.addRecord(c.opt(), Section.ADDITIONAL);
    return m.toWire();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aCachedReplyIsTheUncachedReplyWithTheQuerysId(Case c) throws Exception {
    RecordIndex index = Fixtures.coreDnsIndex();
    DnsAnswerer answerer = new DnsAnswerer(() -> index, AnswerSettings.defaults());
    QueryCodec cached = new QueryCodec(answerer, 100);
    QueryCodec uncached = new QueryCodec(answerer, 0);
    cached.handle(query(c, 1), c.transport()); // fills the cache
    assertThat(cached.cachedReplies()).isEqualTo(1);
    var fromCache = (QueryCodec.Respond) cached.handle(query(c, 4242), c.transport());
    var fresh = (QueryCodec.Respond) uncached.handle(query(c, 4242), c.transport());
    assertThat(uncached.cachedReplies()).isZero();
    assertThat(cached.cacheHits()).as("the second query came from the cache").isEqualTo(1);
    assertThat(cached.cacheMisses()).isEqualTo(1);
    assertThat(uncached.cacheHits()).isZero();
    assertThat(fromCache.wire()).isEqualTo(fresh.wire());
    assertThat(fromCache.rcode()).isEqualTo(fresh.rcode());
    assertThat(fromCache.qtype()).isEqualTo(fresh.qtype());
    assertThat(fromCache.zone()).isEqualTo(fresh.zone());
    assertThat(new Message(fromCache.wire()).getHeader().getID()).isEqualTo(4242);
  }

  @Test
  void aNewIndexIsAnsweredFromItsOwnRecords() throws Exception {
    ClusterRecords cluster = Fixtures.coreDnsCluster();
    AtomicReference<RecordIndex> current = new AtomicReference<>(cluster.index(1));
    QueryCodec codec = new QueryCodec(new DnsAnswerer(current::get, AnswerSettings.defaults()), 100);
    Case c = new Case("new", "fresh.testns.svc.cluster.local.", Type.A, null, QueryCodec.Transport.UDP);
    assertThat(new Message(((QueryCodec.Respond) codec.handle(query(c, 1), c.transport())).wire()).getRcode())
        .isEqualTo(org.xbill.DNS.Rcode.NXDOMAIN);
    cluster.putService(Fixtures.service("testns", "fresh", "10.0.0.77", "http/TCP/80"));
    current.set(cluster.index(2));
    Message m = new Message(((QueryCodec.Respond) codec.handle(query(c, 2), c.transport())).wire());
    assertThat(m.getSection(Section.ANSWER)).hasSize(1);
    assertThat(m.getSection(Section.ANSWER).get(0).rdataToString()).isEqualTo("10.0.0.77");
  }

  @Test
  void theCacheStaysWithinItsCapacity() throws Exception {
    RecordIndex index = Fixtures.coreDnsIndex();
    QueryCodec codec = new QueryCodec(new DnsAnswerer(() -> index, AnswerSettings.defaults()), 10);
    for (int i = 0; i < 35; i++) {
      codec.handle(query(new Case("n", "n" + i + ".testns.svc.cluster.local.", Type.A, null, QueryCodec.Transport.UDP), i),
          QueryCodec.Transport.UDP);
      assertThat(codec.cachedReplies()).isBetween(1, 10);
    }
  }

  @Test
  void keysDifferByTransportAndByteButNotById() {
    byte[] a = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
    byte[] b = a.clone();
    b[0] = 9;
    b[1] = 9;
    byte[] c = a.clone();
    c[12] = 13;
    assertThat(AnswerCache.key(a, QueryCodec.Transport.UDP)).isEqualTo(AnswerCache.key(b, QueryCodec.Transport.UDP));
    assertThat(AnswerCache.key(a, QueryCodec.Transport.UDP)).isNotEqualTo(AnswerCache.key(a, QueryCodec.Transport.TCP));
    assertThat(AnswerCache.key(a, QueryCodec.Transport.UDP)).isNotEqualTo(AnswerCache.key(c, QueryCodec.Transport.UDP));
    assertThat(Arrays.equals(a, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})).as("key leaves the packet alone").isTrue();
  }
}
