package io.svclab.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chain path read from {@code nft list table ip kube-proxy}: the fixture is the kernel's own
 * listing of kube-proxy's TestOverallNFTablesRules expected ruleset (node-proxy's nftables golden
 * file) after {@code nft -f}, so the spelling is nft's, not ours.
 */
class NftChainPathTest {
  static final String LISTING = read("/trace/nft-list-table-kube-proxy.txt");

  static String read(String resource) {
    try (InputStream in = NftChainPathTest.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void clusterIpGoesFromServiceIpsThroughTheNumgenVmapToEachEndpointsDnat() {
    assertThat(NftChainPath.of(LISTING, "172.30.0.44", 80, "TCP")).containsExactly(
        "map service-ips: 172.30.0.44 . tcp . 80 : goto service-LAUZTJTB-ns4/svc4/tcp/p80",
        "  chain service-LAUZTJTB-ns4/svc4/tcp/p80",
        "    ip daddr 172.30.0.44 ip saddr != 10.0.0.0/8 jump mark-for-masquerade",
        "    numgen random mod 2 vmap { 0 : goto endpoint-UNZV3OEC-ns4/svc4/tcp/p80__10.180.0.4/80, "
            + "1 : goto endpoint-5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80 }",
        "      chain endpoint-UNZV3OEC-ns4/svc4/tcp/p80__10.180.0.4/80",
        "        ip saddr 10.180.0.4 jump mark-for-masquerade",
        "        meta l4proto tcp dnat to 10.180.0.4:80",
        "      chain endpoint-5RFCDDV7-ns4/svc4/tcp/p80__10.180.0.5/80",
        "        ip saddr 10.180.0.5 jump mark-for-masquerade",
        "        meta l4proto tcp dnat to 10.180.0.5:80");
  }

  @Test
  void nodePortEntersThroughServiceNodeportsAndTheExternalChain() {
    List<String> path = NftChainPath.of(LISTING, "192.168.0.2", 3003, "TCP");
    assertThat(path.get(0)).isEqualTo("map service-nodeports: tcp . 3003 : goto external-4AT6LBPK-ns3/svc3/tcp/p80");
    assertThat(path.get(1)).isEqualTo("  chain external-4AT6LBPK-ns3/svc3/tcp/p80");
    assertThat(path.get(2)).isEqualTo("    jump mark-for-masquerade");
    assertThat(path).contains("      chain service-4AT6LBPK-ns3/svc3/tcp/p80")
        .filteredOn(l -> l.contains("dnat to")).containsExactly("            meta l4proto tcp dnat to 10.180.0.3:80");
  }

  @Test
  void loadBalancerIpWithSourceRangesShowsTheFirewallAndAffinity() {
    List<String> path = NftChainPath.of(LISTING, "5.6.7.8", 80, "TCP");
    assertThat(path.get(0)).isEqualTo("map firewall-ips: 5.6.7.8 . tcp . 80 : goto firewall-HVFWP5L3-ns5/svc5/tcp/p80");
    assertThat(path).contains("  chain firewall-HVFWP5L3-ns5/svc5/tcp/p80", "    ip saddr != 203.0.113.0/25 drop",
        "map service-ips: 5.6.7.8 . tcp . 80 : goto external-HVFWP5L3-ns5/svc5/tcp/p80");
    assertThat(path).anySatisfy(l -> assertThat(l).contains("update @affinity-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80"));
  }

  @Test
  void aServiceWithoutEndpointsShowsTheRejectElement() {
    assertThat(NftChainPath.of(LISTING, "172.30.0.46", 80, "TCP")).containsExactly(
        "map no-endpoint-services: 172.30.0.46 . tcp . 80 comment \"ns6/svc6:p80\" : goto reject-chain");
  }

  @Test
  void anUnknownDestinationOrProtocolHasNoPath() {
    assertThat(NftChainPath.of(LISTING, "172.30.0.99", 80, "TCP")).isEmpty();
    assertThat(NftChainPath.of(LISTING, "172.30.0.44", 80, "UDP")).isEmpty();
    assertThat(NftChainPath.of("", "172.30.0.44", 80, "TCP")).isEmpty();
  }
}
