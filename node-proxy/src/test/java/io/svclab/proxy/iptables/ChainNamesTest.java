package io.svclab.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ServicePortName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Chain names as kube-proxy prints them, from its tests and from real clusters' iptables-save. */
class ChainNamesTest {
  @ParameterizedTest(name = "{0}/{1}:{2} {3}")
  @CsvSource({
      // proxier_test.go
      "ns1, svc1, p80, TCP, KUBE-SVC-XPGD46QRK7WJZT7O",
      "ns5, svc5, p80, TCP, KUBE-SVC-NUKIZ6OKUXPJNT4C",
      // every kubeadm cluster's kubernetes and kube-dns Services
      "default, kubernetes, https, TCP, KUBE-SVC-NPX46M4PTMTKRN6Y",
      "kube-system, kube-dns, dns, UDP, KUBE-SVC-TCOU7JCQXEZGVUNU",
      "kube-system, kube-dns, dns-tcp, TCP, KUBE-SVC-ERIFXISQEP7F7OF4",
      "kube-system, kube-dns, metrics, TCP, KUBE-SVC-JD5MR3NA4I4DYORP",
  })
  void clusterPolicyChainIsTheHashOfPortNameAndLowerCaseProtocol(String ns, String name, String port, String protocol,
      String expected) {
    ServicePortName spn = new ServicePortName(ns, name, port, protocol);
    assertThat(ChainNames.clusterPolicy(spn)).isEqualTo(expected);
    String hash = expected.substring("KUBE-SVC-".length());
    assertThat(ChainNames.localPolicy(spn)).isEqualTo("KUBE-SVL-" + hash);
    assertThat(ChainNames.external(spn)).isEqualTo("KUBE-EXT-" + hash);
    assertThat(ChainNames.firewall(spn)).isEqualTo("KUBE-FW-" + hash);
  }

  @ParameterizedTest(name = "{0}/{1}:{2} -> {3}:{4}")
  @CsvSource({
      "ns1, svc1, p80, 10.180.0.1, 80, KUBE-SEP-SXIVWICOYRO3J4NJ",
      "ns2, svc2, p80, 10.180.0.2, 80, KUBE-SEP-RS4RBKLTHTF2IUXJ",
      // the same endpoint behind two Services gets two chains
      "ns3, svc3, p80, 10.180.0.3, 80, KUBE-SEP-OYPFS5VJICHGATKP",
      "ns5, svc5, p80, 10.180.0.3, 80, KUBE-SEP-I77PXRDZVX7PMWMN",
  })
  void endpointChainAddsTheEndpointAddress(String ns, String name, String port, String ip, int targetPort,
      String expected) {
    Endpoint ep = new Endpoint(ip, targetPort, "", true, true, false, false);
    assertThat(ChainNames.endpoint(new ServicePortName(ns, name, port, "TCP"), ep)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "KUBE-SVC-XPGD46QRK7WJZT7O, true", "KUBE-SVL-XPGD46QRK7WJZT7O, true", "KUBE-EXT-XPGD46QRK7WJZT7O, true",
      "KUBE-FW-XPGD46QRK7WJZT7O, true", "KUBE-SEP-SXIVWICOYRO3J4NJ, true",
      "KUBE-SERVICES, false", "KUBE-MARK-MASQ, false", "KUBE-POSTROUTING, false", "DOCKER, false",
  })
  void onlyPerServiceChainsAreDeletable(String chain, boolean deletable) {
    assertThat(ChainNames.isServiceChain(chain)).isEqualTo(deletable);
  }
}
