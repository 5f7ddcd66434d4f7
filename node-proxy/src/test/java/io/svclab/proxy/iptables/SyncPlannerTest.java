package io.svclab.proxy.iptables;

import static io.svclab.proxy.snapshot.Fixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SyncPlannerTest {
  static final Instant T0 = Instant.parse("2026-12-03T00:00:00Z");

  static ServicePortInfo port(String service, String portName, Endpoint... endpoints) {
    return new ServicePortInfo(new ServicePortName("default", service, portName, "TCP"), "10.96.0.20", 80, "TCP", 0,
        List.of(), List.of(), false, false, 0, null, List.of(endpoints));
  }

  static ProxySnapshot snapshot(ServicePortInfo... ports) {
    return new ProxySnapshot(List.of(ports), Map.of(), List.of());
  }

  static Stream<Arguments> changes() {
    ServicePortInfo web = port("web", "http", ep("10.244.1.5", "r"));
    return Stream.of(
        Arguments.of("nothing changed", snapshot(web, port("db", "")), snapshot(web, port("db", "")), Set.of()),
        Arguments.of("a Service added", snapshot(web), snapshot(web, port("db", "")), Set.of("default/db")),
        Arguments.of("a Service removed", snapshot(web, port("db", "")), snapshot(web), Set.of("default/db")),
        Arguments.of("an endpoint added", snapshot(web),
            snapshot(port("web", "http", ep("10.244.1.5", "r"), ep("10.244.1.6", "r"))), Set.of("default/web")),
        Arguments.of("an endpoint stops being ready", snapshot(web),
            snapshot(port("web", "http", ep("10.244.1.5", "st"))), Set.of("default/web")),
        Arguments.of("a second port on the Service", snapshot(web),
            snapshot(web, port("web", "metrics")), Set.of("default/web")),
        Arguments.of("a Service field (nodePort)", snapshot(web), snapshot(new ServicePortInfo(web.name(),
            web.clusterIp(), 80, "TCP", 30080, List.of(), List.of(), false, false, 0, null, web.endpoints())),
            Set.of("default/web")),
        Arguments.of("session affinity on", snapshot(web), snapshot(new ServicePortInfo(web.name(), web.clusterIp(), 80,
            "TCP", 0, List.of(), List.of(), false, false, 0, Duration.ofSeconds(10800), web.endpoints())),
            Set.of("default/web")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void changedServicesAreThoseWhosePortsDiffer(String name, ProxySnapshot before, ProxySnapshot after,
      Set<String> expected) {
    assertThat(SyncPlanner.changedServices(before, after)).isEqualTo(expected);
    assertThat(SyncPlanner.plan(before, after, false, T0, T0)).isEqualTo(SyncScope.partial(expected));
  }

  @Test
  void theFirstSyncIsFull() {
    assertThat(SyncPlanner.plan(null, snapshot(port("web", "")), false, T0, T0)).isEqualTo(SyncScope.FULL);
  }

  @Test
  void aFailedRestoreOrAForcedSyncIsFull() {
    ProxySnapshot s = snapshot(port("web", ""));
    assertThat(SyncPlanner.plan(s, s, true, T0, T0.plusSeconds(1))).isEqualTo(SyncScope.FULL);
  }

  @Test
  void anHourAfterTheLastFullSyncTheNextIsFull() {
    ProxySnapshot s = snapshot(port("web", ""));
    assertThat(SyncPlanner.plan(s, s, false, T0, T0.plus(Duration.ofHours(1)))).isEqualTo(SyncScope.partial(Set.of()));
    assertThat(SyncPlanner.plan(s, s, false, T0, T0.plus(Duration.ofHours(1)).plusMillis(1))).isEqualTo(SyncScope.FULL);
  }

  static Stream<Arguments> chainCleanups() {
    return Stream.of(
        Arguments.of("small cluster: every sync", 10, T0.minusSeconds(1), true),
        Arguments.of("at the large-cluster limit: every sync", IptablesRenderer.LARGE_CLUSTER_ENDPOINTS, T0, true),
        Arguments.of("large cluster, cleaned within the sync period", 5000, T0.minusSeconds(10), false),
        Arguments.of("large cluster, a sync period since the last cleanup", 5000, T0.minusSeconds(31), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chainCleanups")
  void readsExistingChainsAsKubeProxyDoes(String name, int endpoints, Instant lastCleanup, boolean expected) {
    assertThat(SyncPlanner.readsExistingChains(endpoints, lastCleanup, Duration.ofSeconds(30), T0)).isEqualTo(expected);
  }
}
