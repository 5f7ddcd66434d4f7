package io.svclab.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.net.testing.NetNamespace;
import io.svclab.proxy.snapshot.Manifests;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rendered nftables transaction applied to a real kernel with one {@code nft -f} in a network
 * namespace this test creates and removes (root), then listed back. Where the kernel or nft
 * refuses, the test fails with nft's own message.
 */
class NftKernelTest {
  static final NftContext NODE_1 = new NftContext("10.0.0.1", Ipv4Prefix.parse("10.244.0.0/16"), "10.96.0.0/16",
      false, "0x4000", List.of());

  NetNamespace ns;
  NetNamespace fresh;

  @BeforeEach
  void createNamespace() throws Exception {
    ns = NetNamespace.create("svclab-nft-test");
  }

  @AfterEach
  void removeNamespace() throws Exception {
    if (ns != null) ns.close();
    if (fresh != null) fresh.close();
  }

  @Test
  void theKernelTakesTheWholeTableInOneTransaction() throws Exception {
    ProxySnapshot snapshot = Manifests.snapshotOf(Manifests.resource("iptables-kernel/seed-000.yaml"), "node-1");
    String transaction = NftablesRenderer.transaction(NftablesRenderer.render(snapshot, NODE_1));

    ns.execOrFail(transaction, "nft", "-f", "-");

    ServicePortInfo nginx = snapshot.servicePorts().stream()
        .filter(p -> p.name().name().equals("nginx-clusterip-service")).findFirst().orElseThrow();
    String serviceIps = ns.execOrFail(null, "nft", "list", "map", "ip", "kube-proxy", "service-ips");
    assertThat(serviceIps).contains("10.96.124.144 . tcp . 80 : goto " + NftNames.service(nginx.name()));
    String chain = ns.execOrFail(null, "nft", "list", "chain", "ip", "kube-proxy", NftNames.service(nginx.name()));
    assertThat(chain).contains("numgen random mod 2 vmap { 0 : goto " + NftNames.endpoint(nginx.name(),
        nginx.endpoints().get(0)));
    String nodePorts = ns.execOrFail(null, "nft", "list", "map", "ip", "kube-proxy", "service-nodeports");
    assertThat(nodePorts).contains("tcp . 30080 : goto external-");
    String noEndpoints = ns.execOrFail(null, "nft", "list", "map", "ip", "kube-proxy", "no-endpoint-services");
    assertThat(noEndpoints).contains("10.96.40.2 . tcp . 80").contains("goto reject-chain");
    // a resync applies the same transaction again: accepted, and the flushes keep each rule once
    ns.execOrFail(transaction, "nft", "-f", "-");
    String again = ns.execOrFail(null, "nft", "list", "chain", "ip", "kube-proxy", NftNames.service(nginx.name()));
    assertThat(again.lines().filter(l -> l.contains("numgen random"))).hasSize(1);
    assertThat(ns.execOrFail(null, "nft", "list", "chain", "ip", "kube-proxy", "services").lines()
        .filter(l -> l.contains("vmap @service-ips"))).hasSize(1);
  }

  /**
   * A partial transaction (one endpoint less for two Services, one of them with affinity sets;
   * kube-dns removed) and the deletions a sync later, applied on top of the full one, leave the
   * same table as the next state's full transaction in a fresh namespace.
   */
  @Test
  void partialSyncsLeaveTheTableAFullSyncWrites() throws Exception {
    ProxySnapshot before = Manifests.snapshotOf(Manifests.resource("iptables-kernel/seed-000.yaml"), "node-1");
    List<ServicePortInfo> ports = new java.util.ArrayList<>();
    for (ServicePortInfo p : before.servicePorts()) {
      if (p.name().name().equals("kube-dns")) continue;
      boolean shrink = p.name().name().equals("nginx-clusterip-service") || p.name().name().equals("sticky");
      ports.add(!shrink ? p : new ServicePortInfo(p.name(), p.clusterIp(), p.port(), p.protocol(), p.nodePort(),
          p.externalIps(), p.loadBalancerIps(), p.externalPolicyLocal(), p.internalPolicyLocal(),
          p.healthCheckNodePort(), p.affinityTimeout(), p.endpoints().subList(0, 1), p.loadBalancerSourceRanges()));
    }
    ProxySnapshot after = new ProxySnapshot(ports, before.healthChecks(), before.skipped());
    java.util.Set<String> changed = io.svclab.proxy.iptables.SyncPlanner.changedServices(before, after);
    assertThat(changed).containsExactlyInAnyOrder("default/nginx-clusterip-service", "default/sticky",
        "kube-system/kube-dns");

    NftState first = NftState.render(before, NODE_1);
    NftState next = first.replacing(changed, after, NODE_1);
    ns.execOrFail(NftSyncPlan.full(first).transaction(), "nft", "-f", "-");
    java.time.Instant now = java.time.Instant.parse("2026-12-03T12:00:00Z");
    NftSyncPlan partial = NftSyncPlan.partial(first, next, changed, java.util.Map.of(), now);
    assertThat(partial.transaction()).contains("delete element ip kube-proxy service-ips { 10.96.0.10 . udp . 53 }");
    ns.execOrFail(partial.transaction(), "nft", "-f", "-");
    ns.execOrFail(NftSyncPlan.partial(next, next, java.util.Set.of(), partial.stale(),
        now.plus(NftSyncPlan.STALE_DELAY)).transaction(), "nft", "-f", "-");

    fresh = NetNamespace.create("svclab-nft-fresh");
    fresh.execOrFail(NftSyncPlan.full(NftState.render(after, NODE_1)).transaction(), "nft", "-f", "-");
    assertThat(listing(ns)).isEqualTo(listing(fresh));
  }

  /** The table as sorted lines, one map element a line (nft lists elements in its own order). */
  static List<String> listing(NetNamespace n) throws Exception {
    String table = n.execOrFail(null, "nft", "list", "table", "ip", "kube-proxy");
    return java.util.Arrays.stream(table.replace("elements = {", "\n").replace(",", "\n").split("\n"))
        .map(l -> l.strip().replaceAll(" }$", "")).filter(l -> !l.isEmpty() && !l.equals("}")).sorted().toList();
  }
}
