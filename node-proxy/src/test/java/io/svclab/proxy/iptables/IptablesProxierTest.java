package io.svclab.proxy.iptables;

import static io.svclab.proxy.snapshot.Fixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.kernel.CommandRunner;
import io.svclab.proxy.kernel.RecordingRunner;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ProxierFailure;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The iptables shell's sequence of tool runs, recorded: a full sync first (jump rules ensured,
 * the nat chains read, every chain written), partial syncs after it, and after a failed restore
 * a {@link ProxierFailure}, the failure counted and the next sync a full one again.
 */
class IptablesProxierTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T04:00:00Z"), ZoneOffset.UTC);

  static ProxySnapshot snapshot(String service, Endpoint... endpoints) {
    return new ProxySnapshot(List.of(new ServicePortInfo(new ServicePortName("default", service, "http", "TCP"),
        "10.96.0.20", 80, "TCP", 0, List.of(), List.of(), false, false, 0, null, List.of(endpoints))), Map.of(),
        List.of());
  }

  boolean failRestore;
  final RecordingRunner runner = new RecordingRunner(call -> {
    if (call.is("iptables-restore") && failRestore) {
      return new CommandRunner.Result(call.command(), 2, "", "iptables-restore: line 7 failed");
    }
    if (call.is("iptables", "-w", "5", "-t", "nat", "-C") || call.is("iptables", "-w", "5", "-t", "filter", "-C")) {
      return new CommandRunner.Result(call.command(), 1, "", "Bad rule (does a matching rule exist in that chain?).");
    }
    return RecordingRunner.ok(call, call.is("iptables-save") ? ":KUBE-SEP-STALE - [0:0]\n" : "");
  });
  final PrometheusRegistry registry = new PrometheusRegistry();
  final IptablesProxier proxier = new IptablesProxier(NodeContext.defaults("10.0.0.1", Ipv4Prefix.parse("10.244.0.0/16")),
      runner, new ProxyMetrics(registry), Duration.ofSeconds(30), CLOCK);

  @Test
  void fullThenPartialAndFullAgainAfterAFailedRestore() {
    proxier.apply(snapshot("web", ep("10.244.1.2", "r")));
    List<RecordingRunner.Call> first = runner.drain();
    assertThat(first).anyMatch(c -> c.is("iptables", "-w", "5", "-t", "nat", "-I", "PREROUTING"));
    String full = restoreInput(first);
    assertThat(full).contains(":KUBE-SVC-").contains("-X KUBE-SEP-STALE");

    proxier.apply(snapshot("web", ep("10.244.1.2", "r"), ep("10.244.1.3", "r")));
    List<RecordingRunner.Call> second = runner.drain();
    assertThat(second).noneMatch(c -> c.is("iptables", "-w", "5", "-t", "nat", "-I", "PREROUTING"));
    assertThat(restoreInput(second)).contains("10.244.1.3:8080");

    failRestore = true;
    assertThatThrownBy(() -> proxier.apply(snapshot("web", ep("10.244.1.3", "r"))))
        .isInstanceOf(ProxierFailure.class).hasMessageContaining("line 7 failed");
    assertThat(value("kubeproxy_sync_proxy_rules_iptables_restore_failures")).isEqualTo(1.0);
    assertThat(value("kubeproxy_sync_proxy_rules_iptables_partial_restore_failures")).isEqualTo(1.0);
    runner.drain();

    failRestore = false;
    proxier.apply(snapshot("web", ep("10.244.1.3", "r")));
    List<RecordingRunner.Call> retry = runner.drain();
    assertThat(retry).as("the retry is a full sync: jump rules ensured again")
        .anyMatch(c -> c.is("iptables", "-w", "5", "-t", "nat", "-I", "PREROUTING"));
  }

  @Test
  void aNoLongerUsableUdpEndpointIsClearedFromConntrack() {
    ServicePortName dns = new ServicePortName("kube-system", "dns", "dns", "UDP");
    ProxySnapshot two = new ProxySnapshot(List.of(new ServicePortInfo(dns, "10.96.0.10", 53, "UDP", 0, List.of(),
        List.of(), false, false, 0, null, List.of(ep("10.244.1.2", "r"), ep("10.244.1.3", "r")))), Map.of(), List.of());
    proxier.apply(two);
    runner.drain();
    proxier.apply(new ProxySnapshot(List.of(two.servicePorts().get(0).withEndpoints(List.of(ep("10.244.1.2", "r")))),
        Map.of(), List.of()));
    assertThat(runner.drain()).anyMatch(c -> c.command().equals(
        List.of("conntrack", "-D", "--orig-dst", "10.96.0.10", "--dst-nat", "10.244.1.3", "-p", "udp")));
  }

  static String restoreInput(List<RecordingRunner.Call> calls) {
    return calls.stream().filter(c -> c.is("iptables-restore")).findFirst().orElseThrow().stdin();
  }

  double value(String counter) {
    return registry.scrape().stream().filter(m -> m.getMetadata().getName().equals(counter)).findFirst().orElseThrow()
        .getDataPoints().get(0) instanceof io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot p
        ? p.getValue() : Double.NaN;
  }
}
