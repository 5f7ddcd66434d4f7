package io.svclab.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.snapshot.Manifests;
import io.svclab.proxy.snapshot.ProxySnapshot;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * kube-proxy's TestOverallNFTablesRules (pkg/proxy/nftables/proxier_test.go as stored, with its
 * baseRules): the same six Services as the iptables case, rendered for kube-proxy's nftables fake
 * proxier and compared with kube-proxy's expected transaction. Normalization: blank and
 * {@code #} lines dropped; rules keep their order within each chain (that order is the rule
 * semantics); every other line (table, sets, maps, chains, elements) is compared as a set.
 */
class KubeProxyNftablesGoldenTest {
  /** NewFakeProxier: node 192.168.0.2, pod CIDR 10.0.0.0/8, Service CIDR 172.30.0.0/16, --nodeport-addresses 192.168.0.2/32. */
  static final NftContext FAKE_PROXIER = new NftContext("192.168.0.2", Ipv4Prefix.parse("10.0.0.0/8"),
      "172.30.0.0/16", false, "0x4000", List.of("192.168.0.2"));

  @Test
  void rendersWhatKubeProxyExpects() throws IOException {
    String dir = "nftables-golden/overall-nftables-rules/";
    ProxySnapshot snapshot = Manifests.snapshotOf(Manifests.resource(dir + "input.yaml"), "test-node");
    List<String> rendered = NftablesRenderer.render(snapshot, FAKE_PROXIER);

    assertThat(normalize(rendered)).isEqualTo(normalize(Manifests.resource(dir + "expected.nft").lines().toList()));
  }

  static String normalize(List<String> lines) {
    List<String> objects = new ArrayList<>();
    Map<String, List<String>> rulesByChain = new TreeMap<>();
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) continue;
      if (line.startsWith("add rule ip kube-proxy ")) {
        String chain = line.substring("add rule ip kube-proxy ".length()).split(" ")[0];
        rulesByChain.computeIfAbsent(chain, k -> new ArrayList<>()).add(line);
      } else {
        objects.add(line);
      }
    }
    StringBuilder out = new StringBuilder();
    objects.stream().sorted().forEach(l -> out.append(l).append('\n'));
    rulesByChain.values().forEach(rules -> rules.forEach(r -> out.append(r).append('\n')));
    return out.toString();
  }
}
