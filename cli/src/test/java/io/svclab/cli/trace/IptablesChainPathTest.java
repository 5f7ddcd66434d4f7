package io.svclab.cli.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain path read from iptables-save output (the kernel's own spelling), for named destinations. */
class IptablesChainPathTest {
  static final String NAT = """
      *nat
      :KUBE-SERVICES - [0:0]
      -A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
      -A KUBE-EXT-WEB -m comment --comment "masquerade traffic for default/web:http external destinations" -j KUBE-MARK-MASQ
      -A KUBE-EXT-WEB -j KUBE-SVC-WEB
      -A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
      -A KUBE-NODEPORTS -p tcp -m comment --comment "default/web:http" -m tcp --dport 30080 -j KUBE-EXT-WEB
      -A KUBE-SEP-A -s 10.244.1.5/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ
      -A KUBE-SEP-A -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.244.1.5:80
      -A KUBE-SEP-B -s 10.244.2.6/32 -m comment --comment "default/web:http" -j KUBE-MARK-MASQ
      -A KUBE-SEP-B -p tcp -m comment --comment "default/web:http" -m tcp -j DNAT --to-destination 10.244.2.6:80
      -A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-SVC-WEB
      -A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
      -A KUBE-SVC-WEB ! -s 10.244.0.0/16 -d 10.96.0.20/32 -p tcp -m comment --comment "default/web:http cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ
      -A KUBE-SVC-WEB -m comment --comment "default/web:http -> 10.244.1.5:80" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-A
      -A KUBE-SVC-WEB -m comment --comment "default/web:http -> 10.244.2.6:80" -j KUBE-SEP-B
      COMMIT
      """;
  static final String FILTER = """
      *filter
      -A KUBE-SERVICES -d 10.96.40.2/32 -p tcp -m comment --comment "default/nobody-home has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable
      COMMIT
      """;

  @Test
  void clusterIpFollowsTheServiceChainToEachEndpointsDnat() {
    assertThat(IptablesChainPath.of(NAT, FILTER, "10.96.0.20", 80, "TCP")).containsExactly(
        "-A KUBE-SERVICES -d 10.96.0.20/32 -p tcp -m comment --comment \"default/web:http cluster IP\" -m tcp --dport 80 -j KUBE-SVC-WEB",
        "  -A KUBE-SVC-WEB ! -s 10.244.0.0/16 -d 10.96.0.20/32 -p tcp -m comment --comment \"default/web:http cluster IP\" -m tcp --dport 80 -j KUBE-MARK-MASQ",
        "  -A KUBE-SVC-WEB -m comment --comment \"default/web:http -> 10.244.1.5:80\" -m statistic --mode random --probability 0.50000000000 -j KUBE-SEP-A",
        "    -A KUBE-SEP-A -s 10.244.1.5/32 -m comment --comment \"default/web:http\" -j KUBE-MARK-MASQ",
        "    -A KUBE-SEP-A -p tcp -m comment --comment \"default/web:http\" -m tcp -j DNAT --to-destination 10.244.1.5:80",
        "  -A KUBE-SVC-WEB -m comment --comment \"default/web:http -> 10.244.2.6:80\" -j KUBE-SEP-B",
        "    -A KUBE-SEP-B -s 10.244.2.6/32 -m comment --comment \"default/web:http\" -j KUBE-MARK-MASQ",
        "    -A KUBE-SEP-B -p tcp -m comment --comment \"default/web:http\" -m tcp -j DNAT --to-destination 10.244.2.6:80");
  }

  @Test
  void nodePortEntersThroughKubeNodeportsAndTheExternalChain() {
    List<String> path = IptablesChainPath.of(NAT, FILTER, "10.0.0.1", 30080, "TCP");
    assertThat(path.get(0)).startsWith("-A KUBE-NODEPORTS").endsWith("--dport 30080 -j KUBE-EXT-WEB");
    assertThat(path.get(1)).startsWith("  -A KUBE-EXT-WEB").endsWith("-j KUBE-MARK-MASQ");
    assertThat(path.get(2)).isEqualTo("  -A KUBE-EXT-WEB -j KUBE-SVC-WEB");
    assertThat(path).filteredOn(l -> l.contains("DNAT")).hasSize(2);
  }

  @Test
  void aServiceWithoutEndpointsShowsTheFilterTablesReject() {
    assertThat(IptablesChainPath.of(NAT, FILTER, "10.96.40.2", 80, "TCP")).singleElement().asString()
        .startsWith("filter -A KUBE-SERVICES -d 10.96.40.2/32").endsWith("-j REJECT --reject-with icmp-port-unreachable");
  }

  @Test
  void anUnknownDestinationOrProtocolHasNoPath() {
    assertThat(IptablesChainPath.of(NAT, FILTER, "10.96.9.9", 80, "TCP")).isEmpty();
    assertThat(IptablesChainPath.of(NAT, FILTER, "10.96.0.20", 80, "UDP")).isEmpty();
  }
}
