package io.svclab.proxy.nftables;

import static io.svclab.proxy.snapshot.Fixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.iptables.SyncPlanner;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Partial nftables syncs, table-tested: for each named change, the partial transaction applied to
 * the table the previous full state describes gives exactly the table the next full state
 * describes (a small model of nft's add/flush/delete semantics), it names no object of a
 * Service that did not change, and it writes rules and elements only in the forms nft takes
 * without reading the whole ruleset first (chain bodies, map declarations with elements). Then
 * the two-step deletion of chains and affinity sets, a second or more after the flush.
 */
class NftSyncPlanTest {
  static final NftContext CTX = new NftContext("10.0.0.1", Ipv4Prefix.parse("10.244.0.0/16"), "", false, "0x4000",
      List.of("10.0.0.1"));
  static final Endpoint A = ep("10.244.1.2", "r");
  static final Endpoint B = ep("10.244.1.3", "rl");
  static final Endpoint C = ep("10.244.2.4", "r");

  static ServicePortInfo svc(String name, String ip, int nodePort, boolean etpLocal, Duration affinity,
      Endpoint... endpoints) {
    return new ServicePortInfo(new ServicePortName("default", name, "http", "TCP"), ip, 80, "TCP", nodePort,
        List.of(), List.of(), etpLocal, false, 0, affinity, List.of(endpoints));
  }

  static ProxySnapshot snapshot(ServicePortInfo... ports) {
    return new ProxySnapshot(List.of(ports), Map.of(), List.of());
  }

  static final ServicePortInfo OTHER = svc("other", "10.96.0.30", 0, false, null, C);
  static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("an endpoint added", snapshot(svc("web", "10.96.0.20", 0, false, null, A), OTHER),
            snapshot(svc("web", "10.96.0.20", 0, false, null, A, B), OTHER)),
        Arguments.of("an endpoint removed", snapshot(svc("web", "10.96.0.20", 0, false, null, A, B), OTHER),
            snapshot(svc("web", "10.96.0.20", 0, false, null, B), OTHER)),
        Arguments.of("the last endpoint removed (reject element)",
            snapshot(svc("web", "10.96.0.20", 30080, false, null, A), OTHER),
            snapshot(svc("web", "10.96.0.20", 30080, false, null), OTHER)),
        Arguments.of("the first endpoint added", snapshot(svc("web", "10.96.0.20", 30080, false, null), OTHER),
            snapshot(svc("web", "10.96.0.20", 30080, false, null, A), OTHER)),
        Arguments.of("a Service added", snapshot(OTHER),
            snapshot(OTHER, svc("web", "10.96.0.20", 30080, false, null, A, B))),
        Arguments.of("a Service removed", snapshot(svc("web", "10.96.0.20", 30080, true, null, A, B), OTHER),
            snapshot(OTHER)),
        Arguments.of("the ClusterIP changed", snapshot(svc("web", "10.96.0.20", 0, false, null, A), OTHER),
            snapshot(svc("web", "10.96.0.21", 0, false, null, A), OTHER)),
        Arguments.of("ETP Local switched on", snapshot(svc("web", "10.96.0.20", 30080, false, null, A, B), OTHER),
            snapshot(svc("web", "10.96.0.20", 30080, true, null, A, B), OTHER)),
        Arguments.of("ClientIP affinity switched on", snapshot(svc("web", "10.96.0.20", 0, false, null, A, B), OTHER),
            snapshot(svc("web", "10.96.0.20", 0, false, Duration.ofSeconds(10800), A, B), OTHER)),
        Arguments.of("ClientIP affinity switched off",
            snapshot(svc("web", "10.96.0.20", 0, false, Duration.ofSeconds(10800), A, B), OTHER),
            snapshot(svc("web", "10.96.0.20", 0, false, null, A, B), OTHER)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void partialTransactionGivesTheFullStatesTable(String change, ProxySnapshot before, ProxySnapshot after) {
    NftState previous = NftState.render(before, CTX);
    Set<String> changed = SyncPlanner.changedServices(before, after);
    NftState next = previous.replacing(changed, after, CTX);
    assertThat(next).as("re-rendering only the changed Services").isEqualTo(NftState.render(after, CTX));

    NftSyncPlan plan = NftSyncPlan.partial(previous, next, changed, Map.of(), NOW);
    Table table = Table.of(previous.lines());
    table.apply(plan.transaction());
    Table expected = Table.of(next.lines());
    // chains and sets that left are flushed now and deleted by a later sync: empty until then
    for (String object : plan.stale().keySet()) expected.declareEmpty(object);
    assertThat(table).isEqualTo(expected);
    assertThat(plan.transaction()).as("nothing of the unchanged Service").doesNotContain("default/other")
        .doesNotContain("10.96.0.30").doesNotContain("add table").doesNotContain("flush map");
    assertThat(plan.transaction().lines()).as("no command that makes nft read the whole ruleset first, but deletions")
        .noneMatch(l -> l.startsWith("add rule ") || l.startsWith("add element "));

    NftSyncPlan soon = NftSyncPlan.partial(next, next, Set.of(), plan.stale(), NOW.plusMillis(999));
    assertThat(soon.transaction()).as("nothing deleted within a second of its flush").isEmpty();
    assertThat(soon.stale()).isEqualTo(plan.stale());
    NftSyncPlan later = NftSyncPlan.partial(next, next, Set.of(), plan.stale(), NOW.plus(NftSyncPlan.STALE_DELAY));
    table.apply(later.transaction());
    assertThat(table).as("after the deletions a second later").isEqualTo(Table.of(next.lines()));
    assertThat(later.stale()).isEmpty();
  }

  @Test
  void noChangeWritesNothing() {
    NftState state = NftState.render(snapshot(svc("web", "10.96.0.20", 0, false, null, A), OTHER), CTX);
    assertThat(NftSyncPlan.partial(state, state, Set.of(), Map.of(), NOW).transaction()).isEmpty();
  }

  @Test
  void aChainBackBeforeItsDeletionIsKept() {
    ProxySnapshot two = snapshot(svc("web", "10.96.0.20", 0, false, null, A, B));
    ProxySnapshot one = snapshot(svc("web", "10.96.0.20", 0, false, null, A));
    NftState s2 = NftState.render(two, CTX);
    NftState s1 = NftState.render(one, CTX);
    String chainB = NftNames.endpoint(two.servicePorts().get(0).name(), B);
    NftSyncPlan removed = NftSyncPlan.partial(s2, s1, Set.of("default/web"), Map.of(), NOW);
    assertThat(removed.stale()).containsOnlyKeys("chain " + chainB);
    NftSyncPlan back = NftSyncPlan.partial(s1, s2, Set.of("default/web"), removed.stale(), NOW.plusSeconds(5));
    assertThat(back.transaction()).contains("add chain ip kube-proxy " + chainB + "\n").doesNotContain("delete chain");
    assertThat(back.stale()).isEmpty();
  }

  @Test
  void fullSyncRecreatesTheTableInOneTransaction() {
    NftState state = NftState.render(snapshot(OTHER), CTX);
    NftSyncPlan full = NftSyncPlan.full(state);
    assertThat(full.transaction()).startsWith("add table ip kube-proxy\ndelete table ip kube-proxy\n")
        .contains("flush map ip kube-proxy service-ips\n");
    assertThat(full.stale()).isEmpty();
  }

  /** What nft would hold: chains with their rules, sets, and elements by map and key. */
  record Table(Map<String, List<String>> chains, Map<String, String> sets, Map<String, String> elements) {
    static Table of(List<String> lines) {
      Table t = new Table(new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
      t.apply(String.join("\n", lines));
      return t;
    }

    void declareEmpty(String object) {
      String[] kindName = object.split(" ", 2);
      if (kindName[0].equals("chain")) chains.put(kindName[1], new ArrayList<>());
      else sets.put(kindName[1], "declared"); // kept, with its elements, until deleted
    }

    void apply(String transaction) {
      String t = NftablesRenderer.T;
      for (String line : transaction.lines().toList()) {
        if (line.isBlank()) continue;
        String[] w = line.split(" ");
        String name = w.length > 4 ? w[4] : "";
        switch (w[0] + " " + w[1]) {
          case "add table", "delete table" -> { }
          case "add chain" -> {
            chains.putIfAbsent(name, new ArrayList<>());
            // "add chain T NAME { RULE ; RULE ; }" appends the rules; a base chain's body only declares it
            for (String item : body(line)) {
              if (!item.startsWith("type ") && !item.startsWith("comment ")) chains.get(name).add(name + " " + item);
            }
          }
          case "flush chain" -> chains.get(name).clear();
          case "delete chain" -> {
            assertThat(chains.get(name)).as("deleting a chain that still has rules: " + name).isEmpty();
            chains.remove(name);
          }
          case "add rule" -> chains.get(name).add(line.substring(("add rule " + t).length()));
          case "add set", "add map" -> {
            if (w[0].equals("add") && w[1].equals("set")) sets.putIfAbsent(name, "declared");
            int at = line.indexOf("elements = { ");
            if (at < 0) continue;
            String list = line.substring(at + "elements = { ".length(), line.lastIndexOf(" } ; }"));
            for (String element : list.split(" , ")) addElement(name + " { " + element + " }");
          }
          case "delete set" -> sets.remove(name);
          case "flush map", "flush set" -> { }
          case "add element" -> addElement(line.substring(("add element " + t).length()));
          case "delete element" -> {
            String key = key(line.substring(("delete element " + t).length()));
            assertThat(elements).as("deleting a missing element: " + line).containsKey(key);
            elements.remove(key);
          }
          default -> throw new AssertionError("unexpected nft command: " + line);
        }
      }
    }

    private void addElement(String element) {
      String key = key(element);
      assertThat(elements).as("adding an existing element: " + element).doesNotContainKey(key);
      elements.put(key, element);
    }

    /** The items of {@code ... NAME { A ; B ; }} (none without braces). */
    private static List<String> body(String line) {
      int open = line.indexOf(" { ");
      if (open < 0) return List.of();
      String inner = line.substring(open + 3, line.lastIndexOf('}')).strip();
      if (inner.endsWith(";")) inner = inner.substring(0, inner.length() - 1).strip();
      return List.of(inner.split(" ; "));
    }

    private static String key(String body) {
      String k = body.endsWith(" }") ? body.substring(0, body.length() - 2) : body;
      for (String stop : List.of(" comment \"", " : ")) {
        int i = k.indexOf(stop);
        if (i >= 0) k = k.substring(0, i);
      }
      return k;
    }
  }

}
