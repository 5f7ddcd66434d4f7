package io.svclab.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The normalization against kube-proxy's own TestSortIPTablesRules cases (proxier_test.go). */
class KubeProxyRuleOrderTest {
  static Stream<Arguments> kubeProxyCases() {
    return Stream.of(
        Arguments.of("correctly match same service name in different styles of comments", """
            *filter
            COMMIT
            *nat
            :KUBE-SERVICES - [0:0]
            -A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" svc2 line 1
            -A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2
            -A KUBE-SERVICES -m comment --comment "ns2/svc2 blah" svc2 line 3
            -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" svc1 line 1
            -A KUBE-SERVICES -m comment --comment ns1/svc1 svc1 line 2
            -A KUBE-SERVICES -m comment --comment "ns1/svc1 blah" svc1 line 3
            -A KUBE-SERVICES -m comment --comment ns4/svc4 svc4 line 1
            -A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 cluster IP" svc4 line 2
            -A KUBE-SERVICES -m comment --comment "ns4/svc4 blah" svc4 line 3
            -A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" svc3 line 1
            -A KUBE-SERVICES -m comment --comment "ns3/svc3 blah" svc3 line 2
            -A KUBE-SERVICES -m comment --comment ns3/svc3 svc3 line 3
            COMMIT
            """, """
            *filter
            COMMIT
            *nat
            :KUBE-SERVICES - [0:0]
            -A KUBE-SERVICES -m comment --comment "ns1/svc1:p80 cluster IP" svc1 line 1
            -A KUBE-SERVICES -m comment --comment ns1/svc1 svc1 line 2
            -A KUBE-SERVICES -m comment --comment "ns1/svc1 blah" svc1 line 3
            -A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" svc2 line 1
            -A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2
            -A KUBE-SERVICES -m comment --comment "ns2/svc2 blah" svc2 line 3
            -A KUBE-SERVICES -m comment --comment "ns3/svc3:p80 cluster IP" svc3 line 1
            -A KUBE-SERVICES -m comment --comment "ns3/svc3 blah" svc3 line 2
            -A KUBE-SERVICES -m comment --comment ns3/svc3 svc3 line 3
            -A KUBE-SERVICES -m comment --comment ns4/svc4 svc4 line 1
            -A KUBE-SERVICES -m comment --comment "ns4/svc4:p80 cluster IP" svc4 line 2
            -A KUBE-SERVICES -m comment --comment "ns4/svc4 blah" svc4 line 3
            COMMIT
            """),
        Arguments.of("unexpected junk lines are preserved", """
            *filter
            COMMIT
            *nat
            :KUBE-SERVICES - [0:0]
            :KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]
            :KUBE-AAAAA - [0:0]
            :KUBE-ZZZZZ - [0:0]
            :WHY-IS-THIS-CHAIN-HERE - [0:0]
            -A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" svc2 line 1
            -A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80
            -A KUBE-ZZZZZ -m comment --comment "mystery chain number 1"
            -A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2
            -A WHY-IS-THIS-CHAIN-HERE -j ACCEPT
            -A KUBE-SERVICES -m comment --comment "ns2/svc2 blah" svc2 line 3
            -A KUBE-AAAAA -m comment --comment "mystery chain number 2"
            COMMIT
            """, """
            *filter
            COMMIT
            *nat
            :KUBE-SERVICES - [0:0]
            :KUBE-AAAAA - [0:0]
            :KUBE-SEP-RS4RBKLTHTF2IUXJ - [0:0]
            :KUBE-ZZZZZ - [0:0]
            :WHY-IS-THIS-CHAIN-HERE - [0:0]
            -A KUBE-SERVICES -m comment --comment "ns2/svc2:p80 cluster IP" svc2 line 1
            -A KUBE-SERVICES -m comment --comment ns2/svc2 svc2 line 2
            -A KUBE-SERVICES -m comment --comment "ns2/svc2 blah" svc2 line 3
            -A KUBE-AAAAA -m comment --comment "mystery chain number 2"
            -A KUBE-SEP-RS4RBKLTHTF2IUXJ -m comment --comment ns2/svc2:p80 -m tcp -p tcp -j DNAT --to-destination 10.180.0.2:80
            -A KUBE-ZZZZZ -m comment --comment "mystery chain number 1"
            -A WHY-IS-THIS-CHAIN-HERE -j ACCEPT
            COMMIT
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kubeProxyCases")
  void sortsAsKubeProxysTestsDo(String name, String input, String expected) {
    assertThat(KubeProxyRuleOrder.normalize(input)).isEqualTo(expected);
  }
}
