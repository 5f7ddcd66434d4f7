package io.svclab.proxy.nftables;

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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The nftables shell's transactions, recorded: the first recreates the table atomically, a chain
 * that left the state is flushed in the next transaction and deleted by the first one a second or
 * more later (kube-proxy's stale-chain delay), and a
 * refused transaction throws {@link ProxierFailure} and makes the next one recreate the table.
 */
class NftablesProxierTest {
  static final ServicePortName WEB = new ServicePortName("default", "web", "http", "TCP");

  static ProxySnapshot snapshot(Endpoint... endpoints) {
    return new ProxySnapshot(List.of(new ServicePortInfo(WEB, "10.96.0.20", 80, "TCP", 0, List.of(), List.of(), false,
        false, 0, null, List.of(endpoints))), Map.of(), List.of());
  }

  boolean refuse;
  final RecordingRunner runner = new RecordingRunner(call -> refuse
      ? new CommandRunner.Result(call.command(), 1, "", "Error: Could not process rule: No such file or directory")
      : RecordingRunner.ok(call, ""));
  Instant now = Instant.parse("2026-12-03T12:00:00Z");
  final Clock clock = new Clock() {
    @Override public ZoneId getZone() { return ZoneOffset.UTC; }

    @Override public Clock withZone(ZoneId zone) { return this; }

    @Override public Instant instant() { return now; }
  };
  final NftablesProxier proxier = new NftablesProxier(new NftContext("10.0.0.1", Ipv4Prefix.parse("10.244.0.0/16"), "",
      false, "0x00004000", List.of("10.0.0.1")), runner, new ProxyMetrics(new PrometheusRegistry()), Duration.ofSeconds(30),
      clock);

  @Test
  void recreatesFirstThenFlushesAndLaterDeletesStaleChains() {
    Endpoint a = ep("10.244.1.2", "r");
    Endpoint b = ep("10.244.1.3", "r");
    String chainB = NftNames.endpoint(WEB, b);

    proxier.apply(snapshot(a, b));
    assertThat(transaction()).startsWith("add table ip kube-proxy\ndelete table ip kube-proxy\n")
        .contains("add chain ip kube-proxy " + chainB + "\n");

    proxier.apply(snapshot(a));
    String second = transaction();
    assertThat(second).doesNotContain("delete table").doesNotContain("add chain ip kube-proxy " + chainB)
        .endsWith("flush chain ip kube-proxy " + chainB + "\n");

    now = now.plusMillis(500);
    proxier.apply(snapshot(a));
    assertThat(runner.drain()).as("flushed half a second ago: not deleted yet").noneMatch(c -> c.is("nft"));

    now = now.plusMillis(500);
    proxier.apply(snapshot(a));
    assertThat(transaction()).isEqualTo("delete chain ip kube-proxy " + chainB + "\n");

    proxier.apply(snapshot(a));
    assertThat(runner.drain()).as("nothing changed: no transaction").noneMatch(c -> c.is("nft"));

    refuse = true;
    assertThatThrownBy(() -> proxier.apply(snapshot(a, b))).isInstanceOf(ProxierFailure.class)
        .hasMessageContaining("Could not process rule");
    runner.drain();
    refuse = false;
    proxier.apply(snapshot(a, b));
    assertThat(transaction()).as("after a failure the table is recreated").startsWith("add table ip kube-proxy\ndelete table");
  }

  String transaction() {
    List<RecordingRunner.Call> calls = runner.drain();
    return calls.stream().filter(c -> c.is("nft", "-f", "-")).findFirst().orElseThrow().stdin();
  }
}
