package io.svclab.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.snapshot.Manifests;
import io.svclab.proxy.snapshot.ProxySnapshot;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kube-proxy's own cases (pkg/proxy/iptables/proxier_test.go, v1.32): each directory under
 * {@code iptables-golden/} holds the Services and EndpointSlices a kube-proxy test creates
 * ({@code input.yaml}) and the restore input kube-proxy's test expects ({@code expected.txt},
 * copied verbatim). The objects go through the same {@code SnapshotBuilder} the running proxy
 * uses; both texts are normalized as kube-proxy's test normalizes them
 * ({@link KubeProxyRuleOrder}) and must then be equal.
 */
class KubeProxyGoldenTest {
  /**
   * proxier_test.go NewFakeProxier: node "test-node" at 192.168.0.2, local traffic detected by
   * the pod CIDR 10.0.0.0/8, mark 0x4000, localhost NodePorts on, the nfacct counters present,
   * NodePorts on every local address, no --random-fully (the fake iptables has none), and
   * nf_conntrack_tcp_be_liberal unset.
   */
  static final String NODE_NAME = "test-node";
  static final String DIR = "iptables-golden/";
  static final NodeContext FAKE_PROXIER = new NodeContext("192.168.0.2", Ipv4Prefix.parse("10.0.0.0/8"), false,
      "0x4000", true, true, List.of(), false, false);

  @ParameterizedTest
  @ValueSource(strings = {"overall-iptables-rules"})
  void rendersWhatKubeProxyExpects(String testCase) throws IOException {
    ProxySnapshot snapshot = Manifests.snapshotOf(Manifests.resource(DIR + testCase + "/input.yaml"), NODE_NAME);
    String rendered = IptablesRenderer.render(snapshot, FAKE_PROXIER).text();

    assertThat(KubeProxyRuleOrder.normalize(rendered))
        .isEqualTo(KubeProxyRuleOrder.normalize(Manifests.resource(DIR + testCase + "/expected.txt")));
  }
}
