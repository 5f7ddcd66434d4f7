package io.svclab.proxy.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.net.testing.NetNamespace;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.iptables.IptablesProxier;
import io.svclab.proxy.iptables.NodeContext;
import io.svclab.proxy.nftables.NftContext;
import io.svclab.proxy.nftables.NftablesProxier;
import io.svclab.proxy.snapshot.Manifests;
import io.svclab.proxy.snapshot.ProxySnapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kube-proxy's CleanupLeftovers against a real kernel (root): both proxiers program a namespace
 * this test creates, then each mode's cleanup removes exactly its own rules: no KUBE- chain or
 * jump is left in iptables-save, no {@code table ip kube-proxy} in nft; a second cleanup finds
 * nothing and reports no failure.
 */
class LeftoverCleanupKernelTest {
  NetNamespace ns;
  CommandRunner inNamespace;

  @BeforeEach
  void createNamespace() throws Exception {
    ns = NetNamespace.create("svclab-cleanup-test");
    ProcessRunner runner = new ProcessRunner(Duration.ofSeconds(30));
    inNamespace = (stdin, command) -> runner.run(stdin, ns.prefixed(command));
  }

  @AfterEach
  void removeNamespace() throws Exception {
    if (ns != null) ns.close();
  }

  @Test
  void eachModesCleanupRemovesAllItsRulesAndOnlyThem() throws Exception {
    ProxySnapshot snapshot = Manifests.snapshotOf(Manifests.resource("iptables-kernel/seed-000.yaml"), "node-1");
    Ipv4Prefix pods = Ipv4Prefix.parse("10.244.0.0/16");
    ProxyMetrics metrics = new ProxyMetrics(new PrometheusRegistry());
    new IptablesProxier(NodeContext.defaults("10.0.0.1", pods), inNamespace, metrics, Duration.ofSeconds(30),
        Clock.systemUTC()).apply(snapshot);
    new NftablesProxier(new NftContext("10.0.0.1", pods, "", false, "0x4000", List.of("10.0.0.1")), inNamespace,
        metrics, Duration.ofSeconds(30), Clock.systemUTC()).apply(snapshot);
    assertThat(ns.execOrFail(null, "iptables-save")).contains("-A PREROUTING", "KUBE-SEP-", ":KUBE-FIREWALL");
    assertThat(ns.execOrFail(null, "nft", "list", "tables")).contains("table ip kube-proxy");

    assertThat(IptablesProxier.cleanupLeftovers(inNamespace)).isEmpty();
    assertThat(ns.execOrFail(null, "iptables-save")).doesNotContain("KUBE-");
    assertThat(ns.execOrFail(null, "nft", "list", "tables")).as("the other mode's table stays")
        .contains("table ip kube-proxy");

    assertThat(NftablesProxier.cleanupLeftovers(inNamespace)).isEmpty();
    assertThat(ns.execOrFail(null, "nft", "list", "tables")).doesNotContain("kube-proxy");

    assertThat(IptablesProxier.cleanupLeftovers(inNamespace)).as("nothing left: no failure").isEmpty();
    assertThat(NftablesProxier.cleanupLeftovers(inNamespace)).isEmpty();
  }
}
