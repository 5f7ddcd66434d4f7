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

  @BeforeEach
  void createNamespace() throws Exception {
    ns = NetNamespace.create("svclab-nft-test");
  }

  @AfterEach
  void removeNamespace() throws Exception {
    if (ns != null) ns.close();
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
}
