package io.svclab.proxy.kernel;

import static io.svclab.proxy.snapshot.Fixtures.ep;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConntrackCleanupTest {
  static ServicePortInfo dns(String protocol, int nodePort, Endpoint... endpoints) {
    return new ServicePortInfo(new ServicePortName("kube-system", "dns", "dns", protocol), "10.96.0.10", 53, protocol,
        nodePort, List.of("203.0.113.9"), List.of(), false, false, 0, null, List.of(endpoints));
  }

  static ProxySnapshot snapshot(ServicePortInfo... ports) {
    return new ProxySnapshot(List.of(ports), Map.of(), List.of());
  }

  static List<String> args(String... a) {
    return List.of(a);
  }

  static Stream<Arguments> cases() {
    Endpoint a = ep("10.244.1.2", "r");
    Endpoint b = ep("10.244.1.3", "r");
    return Stream.of(
        Arguments.of("nothing changed", snapshot(dns("UDP", 0, a)), snapshot(dns("UDP", 0, a)), List.of()),
        Arguments.of("an endpoint added to a port that had one", snapshot(dns("UDP", 0, a)),
            snapshot(dns("UDP", 0, a, b)), List.of()),
        Arguments.of("a new UDP Service with an endpoint: its IPs were REJECTed before", snapshot(),
            snapshot(dns("UDP", 0, a)), List.of(args("-D", "--orig-dst", "10.96.0.10", "-p", "udp"),
                args("-D", "--orig-dst", "203.0.113.9", "-p", "udp"))),
        Arguments.of("from no usable endpoint to one, with a NodePort", snapshot(dns("UDP", 30053, ep("10.244.1.2", ""))),
            snapshot(dns("UDP", 30053, a)), List.of(args("-D", "--orig-dst", "10.96.0.10", "-p", "udp"),
                args("-D", "--orig-dst", "203.0.113.9", "-p", "udp"), args("-D", "-p", "udp", "--dport", "30053"))),
        Arguments.of("an endpoint removed", snapshot(dns("UDP", 0, a, b)), snapshot(dns("UDP", 0, a)),
            List.of(args("-D", "--orig-dst", "10.96.0.10", "--dst-nat", "10.244.1.3", "-p", "udp"),
                args("-D", "--orig-dst", "203.0.113.9", "--dst-nat", "10.244.1.3", "-p", "udp"))),
        Arguments.of("an endpoint no longer ready, with a NodePort", snapshot(dns("UDP", 30053, a, b)),
            snapshot(dns("UDP", 30053, a, ep("10.244.1.3", ""))),
            List.of(args("-D", "--orig-dst", "10.96.0.10", "--dst-nat", "10.244.1.3", "-p", "udp"),
                args("-D", "--orig-dst", "203.0.113.9", "--dst-nat", "10.244.1.3", "-p", "udp"),
                args("-D", "-p", "udp", "--dport", "30053", "--dst-nat", "10.244.1.3"))),
        Arguments.of("the Service deleted", snapshot(dns("UDP", 0, a)), snapshot(),
            List.of(args("-D", "--orig-dst", "10.96.0.10", "--dst-nat", "10.244.1.2", "-p", "udp"),
                args("-D", "--orig-dst", "203.0.113.9", "--dst-nat", "10.244.1.2", "-p", "udp"))),
        Arguments.of("TCP is left alone (connections end)", snapshot(dns("TCP", 0, a, b)), snapshot(), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void deletesAsKubeProxyDoes(String name, ProxySnapshot before, ProxySnapshot after, List<List<String>> expected) {
    assertThat(ConntrackCleanup.deletions(before, after)).containsExactlyElementsOf(expected);
  }
}
