package io.svclab.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.dns.Fixtures;
import io.svclab.dns.answers.AnswerSettings;
import io.svclab.dns.answers.DnsAnswerer;
import io.svclab.dns.records.ClusterRecords;
import io.svclab.dns.records.RecordIndex;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
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

/**
 * A cached reply is byte for byte the reply the uncached path gives, ID patched; after a change
 * it is kept only when the change did not touch what it read (per-name invalidation), and is
 * still byte for byte the uncached reply of the new index.
 */
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

  record Change(String name, String qname, int type, Consumer<ClusterRecords> change, long serialAfter, boolean kept) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final long SERIAL = io.svclab.dns.Fixtures.SERIAL;

  static Stream<Change> changes() {
    Consumer<ClusterRecords> otherService = r -> r.putService(Fixtures.service("testns", "other", "10.0.0.88",
        "http/TCP/80"));
    Consumer<ClusterRecords> hdls1Endpoint = r -> r.putSlice(Fixtures.slice("testns", "hdls1", "hdls1-slice1", "IPv4",
        List.of("172.0.0.2", "172.0.0.7"), "http/TCP/80"));
    Consumer<ClusterRecords> svc1Ip = r -> r.putService(Fixtures.service("testns", "svc1", "10.0.0.111", "http/TCP/80"));
    return Stream.of(
        new Change("another Service added: A kept", "svc1.testns.svc.cluster.local.", Type.A, otherService, SERIAL + 1, true),
        new Change("its own ClusterIP changed: A dropped", "svc1.testns.svc.cluster.local.", Type.A, svc1Ip, SERIAL + 1,
            false),
        new Change("headless endpoints changed: A dropped", "hdls1.testns.svc.cluster.local.", Type.A, hdls1Endpoint,
            SERIAL + 1, false),
        new Change("headless endpoints changed: SRV dropped", "_http._tcp.hdls1.testns.svc.cluster.local.", Type.SRV,
            hdls1Endpoint, SERIAL + 1, false),
        new Change("headless endpoints of another Service: A kept", "svc1.testns.svc.cluster.local.", Type.A,
            hdls1Endpoint, SERIAL + 1, true),
        new Change("NXDOMAIN kept while the serial moves (patched in)", "nope.testns.svc.cluster.local.", Type.A,
            otherService, SERIAL + 7, true),
        new Change("NXDOMAIN dropped when the name appears", "other.testns.svc.cluster.local.", Type.A, otherService,
            SERIAL + 1, false),
        new Change("NODATA kept while the serial moves", "svc1.testns.svc.cluster.local.", Type.MX, otherService,
            SERIAL + 3, true),
        new Change("apex SOA kept while the serial moves", "cluster.local.", Type.SOA, otherService, SERIAL + 3, true),
        new Change("ExternalName chased into the zone: dropped when the target changes",
            "external-to-service.testns.svc.cluster.local.", Type.A, svc1Ip, SERIAL + 1, false),
        new Change("PTR of an endpoint dropped when it goes", "2.0.0.172.in-addr.arpa.", Type.PTR,
            r -> r.putSlice(Fixtures.slice("testns", "hdls1", "hdls1-slice1", "IPv4", List.of("172.0.0.3"),
                "http/TCP/80")), SERIAL + 1, false),
        new Change("PTR of an address that appears: dropped", "88.0.0.10.in-addr.arpa.", Type.PTR, otherService,
            SERIAL + 1, false),
        new Change("PTR elsewhere kept", "1.0.0.10.in-addr.arpa.", Type.PTR, hdls1Endpoint, SERIAL + 1, true),
        new Change("a namespace removed: its names dropped", "svc1.testns.svc.cluster.local.", Type.A,
            r -> r.removeNamespace(Fixtures.namespace("testns")), SERIAL + 1, false),
        new Change("a pod-name query reads only its namespace", "1-2-3-4.podns.pod.cluster.local.", Type.A,
            otherService, SERIAL + 1, true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void aChangeDropsOnlyTheRepliesThatReadWhatItChanged(Change c) throws Exception {
    ClusterRecords cluster = Fixtures.coreDnsCluster();
    AtomicReference<RecordIndex> current = new AtomicReference<>(cluster.index(SERIAL).after(RecordIndex.EMPTY));
    DnsAnswerer answerer = new DnsAnswerer(current::get, AnswerSettings.defaults());
    QueryCodec cached = new QueryCodec(answerer, 100);
    QueryCodec uncached = new QueryCodec(answerer, 0);
    Case q = new Case(c.name(), c.qname(), c.type(), new OPTRecord(1232, 0, 0, 0), QueryCodec.Transport.UDP);
    cached.handle(query(q, 1), q.transport());
    c.change().accept(cluster);
    current.set(cluster.index(c.serialAfter()).after(current.get()));

    var afterChange = (QueryCodec.Respond) cached.handle(query(q, 77), q.transport());
    var fresh = (QueryCodec.Respond) uncached.handle(query(q, 77), q.transport());
    assertThat(afterChange.wire()).as("the new index's reply, cached or not").isEqualTo(fresh.wire());
    assertThat(cached.cacheHits()).as("kept").isEqualTo(c.kept() ? 1 : 0);
    assertThat(cached.cacheDropped()).as("dropped").isEqualTo(c.kept() ? 0 : 1);
  }

  @Test
  void repliesStayValidAcrossManyChangesElsewhere() throws Exception {
    ClusterRecords cluster = Fixtures.coreDnsCluster();
    AtomicReference<RecordIndex> current = new AtomicReference<>(cluster.index(SERIAL).after(RecordIndex.EMPTY));
    QueryCodec codec = new QueryCodec(new DnsAnswerer(current::get, AnswerSettings.defaults()), 100);
    Case c = new Case("svc1", "svc1.testns.svc.cluster.local.", Type.A, null, QueryCodec.Transport.UDP);
    codec.handle(query(c, 1), c.transport());
    for (int i = 0; i < 20; i++) {
      cluster.putService(Fixtures.service("testns", "churn-" + i, "10.0.1." + i, "http/TCP/80"));
      current.set(cluster.index(SERIAL + i).after(current.get()));
      if (i % 7 == 0) {
        codec.handle(query(c, 2 + i), c.transport());
      }
    }
    codec.handle(query(c, 99), c.transport());
    assertThat(codec.cacheMisses()).isEqualTo(1);
    assertThat(codec.cacheHits()).isEqualTo(4);
  }

  @Test
  void serialOffsetIsFoundOnlyWhereTheSoaHasIt() {
    byte[] wire = new byte[40];
    SoaSerial.write(wire, 20, 1234567);
    SoaSerial.write(wire, 24, 7200);
    SoaSerial.write(wire, 28, 1800);
    SoaSerial.write(wire, 32, 86400);
    assertThat(SoaSerial.find(wire, 1234567)).isEqualTo(20);
    assertThat(SoaSerial.find(wire, 1234568)).isEqualTo(-1);
    assertThat(SoaSerial.find(new byte[12], 0)).isEqualTo(-1);
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
