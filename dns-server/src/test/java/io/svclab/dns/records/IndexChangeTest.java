package io.svclab.dns.records;

import static io.svclab.dns.Fixtures.namespace;
import static io.svclab.dns.Fixtures.service;
import static io.svclab.dns.Fixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.dns.Fixtures;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What a change between two indexes names: exactly the reads it can alter, nothing else. */
class IndexChangeTest {
  record Case(String name, Consumer<ClusterRecords> change, long serialAfter, List<Long> named, List<Long> notNamed) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final long SVC1 = Reads.service("testns", "svc1");
  static final long HDLS1 = Reads.service("testns", "hdls1");

  static Stream<Case> cases() {
    long serial = Fixtures.SERIAL;
    return Stream.of(
        new Case("nothing changed", r -> {}, serial, List.of(), List.of(SVC1, HDLS1, Reads.SERIAL)),
        new Case("a slice written again unchanged", r -> r.putSlice(slice("testns", "svc1", "svc1-slice1", "IPv4",
            List.of("172.0.0.1=ep1a"), "http/TCP/80")), serial, List.of(), List.of(SVC1, Reads.SERIAL)),
        new Case("an endpoint of a headless Service replaced: the Service and both addresses",
            r -> r.putSlice(slice("testns", "hdls1", "hdls1-slice1", "IPv4",
                List.of("172.0.0.2", "172.0.0.3", "172.0.0.4=dup-name", "172.0.0.6=dup-name", "172.0.0.9!"),
                "http/TCP/80")), serial + 1,
            List.of(HDLS1, Reads.address("172.0.0.5"), Reads.address("172.0.0.6"), Reads.SERIAL),
            List.of(SVC1, Reads.address("10.0.0.1"), Reads.namespace("testns"), Reads.SYNCED)),
        new Case("a Service added: its name and ClusterIP", r -> r.putService(service("testns", "new", "10.0.0.99",
            "http/TCP/80")), serial, List.of(Reads.service("testns", "new"), Reads.address("10.0.0.99")),
            List.of(SVC1, HDLS1)),
        new Case("a Service removed: its name and every address it had",
            r -> r.removeService(service("testns", "hdls1", "None")), serial,
            List.of(HDLS1, Reads.address("172.0.0.2"), Reads.address(RecordIndex.canonicalIp("5678:abcd::1"))), List.of(SVC1)),
        new Case("an IPv6 ClusterIP changed: the reverse key in canonical form",
            r -> r.putService(service("testns", "svc6", "1234:abcd::2", "http/TCP/80")), serial,
            List.of(Reads.service("testns", "svc6"), Reads.address(RecordIndex.canonicalIp("1234:abcd::1")),
                Reads.address(RecordIndex.canonicalIp("1234:abcd::2"))), List.of(SVC1)),
        new Case("a namespace added", r -> r.putNamespace(namespace("other")), serial,
            List.of(Reads.namespace("other")), List.of(Reads.namespace("testns"), SVC1)),
        new Case("the serial alone", r -> {}, serial + 5, List.of(Reads.SERIAL), List.of(SVC1, HDLS1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void aChangeNamesWhatItCanAlter(Case c) {
    ClusterRecords cluster = Fixtures.coreDnsCluster();
    RecordIndex before = cluster.index(Fixtures.SERIAL);
    c.change().accept(cluster);
    RecordIndex after = cluster.index(c.serialAfter());
    IndexChange change = IndexChange.between(before, after);
    for (long k : c.named()) {
      assertThat(change.affects(new long[] {k})).as("names %x", k).isTrue();
    }
    for (long k : c.notNamed()) {
      assertThat(change.affects(new long[] {k})).as("leaves %x alone", k).isFalse();
    }
    if (c.named().isEmpty()) {
      assertThat(change.keys()).isEmpty();
    }
    assertThat(change.from()).isEqualTo(before.id());
    assertThat(change.to()).isEqualTo(after.id());
  }

  @Test
  void syncingIsAChange() {
    RecordIndex synced = Fixtures.coreDnsIndex();
    IndexChange change = IndexChange.between(synced.unsynced(), synced);
    assertThat(change.affects(new long[] {Reads.SYNCED})).isTrue();
    assertThat(change.affects(new long[] {SVC1})).isFalse();
  }

  static Stream<Object[]> validity() {
    IndexChange a = new IndexChange(1, 2, new long[] {10, 20});
    IndexChange b = new IndexChange(2, 3, new long[] {30});
    return Stream.of(
        new Object[] {"no changes since", List.of(), new long[] {10}, true},
        new Object[] {"unknown history", null, new long[] {}, false},
        new Object[] {"changes elsewhere", List.of(a, b), new long[] {5, 25, 40}, true},
        new Object[] {"one read changed in the first", List.of(a, b), new long[] {5, 20}, false},
        new Object[] {"one read changed in the last", List.of(a, b), new long[] {30}, false},
        new Object[] {"a reply that read nothing", List.of(a, b), new long[] {}, true});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validity")
  void aReplyStaysValidWhileNoChangeMeetsItsReads(String name, List<IndexChange> changes, long[] reads, boolean valid) {
    assertThat(IndexChange.stillValid(changes, reads)).isEqualTo(valid);
  }

  @Test
  void anIndexKnowsTheChangesSinceEachOfItsPredecessors() {
    ClusterRecords cluster = Fixtures.coreDnsCluster();
    RecordIndex first = cluster.index(1).after(RecordIndex.EMPTY);
    cluster.putService(service("testns", "a", "10.0.0.50", "http/TCP/80"));
    RecordIndex second = cluster.index(1).after(first);
    cluster.putService(service("testns", "b", "10.0.0.51", "http/TCP/80"));
    RecordIndex third = cluster.index(1).after(second);

    assertThat(third.changesSince(third.id())).isEmpty();
    assertThat(third.changesSince(second.id())).hasSize(1);
    assertThat(third.changesSince(first.id())).hasSize(2);
    assertThat(third.changesSince(RecordIndex.EMPTY.id())).hasSize(3);
    assertThat(third.changesSince(cluster.index(1).id())).as("an index not on the way here").isNull();
    assertThat(third.changesSince(first.id()).get(0).affects(new long[] {Reads.service("testns", "a")})).isTrue();
    assertThat(third.changesSince(second.id()).get(0).affects(new long[] {Reads.service("testns", "a")})).isFalse();
    assertThat(third.unsynced().changesSince(second.id())).as("unsynced starts a new history").isNull();
  }

  @Test
  void theHistoryIsBounded() {
    ClusterRecords cluster = Fixtures.coreDnsCluster();
    RecordIndex first = cluster.index(1).after(RecordIndex.EMPTY);
    RecordIndex last = first;
    for (int i = 0; i < RecordIndex.HISTORY + 10; i++) {
      last = cluster.index(2 + i).after(last);
    }
    assertThat(last.changesSince(first.id())).as("older than the history: unknown").isNull();
  }

  @Test
  void readKeysAreSortedAndDistinct() {
    Reads r = new Reads();
    r.add(5);
    r.add(-3);
    r.add(5);
    r.add(9);
    r.add(-3);
    assertThat(Arrays.stream(r.keys()).boxed().toList()).containsExactly(-3L, 5L, 9L);
    assertThat(Reads.service("a", "b/c")).as("the index key form").isEqualTo(Reads.serviceKey("a/b/c"));
  }
}
