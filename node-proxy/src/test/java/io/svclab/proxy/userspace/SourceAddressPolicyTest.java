package io.svclab.proxy.userspace;

import static io.svclab.proxy.userspace.EndpointSelector.Traffic.EXTERNAL;
import static io.svclab.proxy.userspace.EndpointSelector.Traffic.INTERNAL;
import static io.svclab.proxy.userspace.SourceAddressPolicy.Source.CLIENT;
import static io.svclab.proxy.userspace.SourceAddressPolicy.Source.NODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.userspace.EndpointSelector.Traffic;
import io.svclab.proxy.userspace.SourceAddressPolicy.Source;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SourceAddressPolicyTest {
  static final Ipv4Prefix PODS = Ipv4Prefix.parse("127.244.0.0/16");
  static final String ENDPOINT = "127.244.1.5";

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("ETP Local NodePort/LB traffic keeps the client's address", EXTERNAL, true, "127.55.0.7", PODS, CLIENT),
        Arguments.of("ETP Cluster NodePort/LB traffic is masqueraded to the node", EXTERNAL, false, "127.55.0.7", PODS, NODE),
        Arguments.of("ETP Local from a pod keeps the pod's address", EXTERNAL, true, "127.244.2.9", PODS, CLIENT),
        Arguments.of("ClusterIP traffic from a pod keeps the pod's address", INTERNAL, false, "127.244.2.9", PODS, CLIENT),
        Arguments.of("ClusterIP traffic from outside the cluster CIDR is masqueraded", INTERNAL, false, "127.0.0.1", PODS, NODE),
        Arguments.of("ETP Local does not change ClusterIP masquerading", INTERNAL, true, "127.0.0.1", PODS, NODE),
        Arguments.of("no cluster CIDR: ClusterIP traffic is never masqueraded", INTERNAL, false, "127.0.0.1", null, CLIENT),
        Arguments.of("hairpin: a pod reaching itself through its Service is masqueraded", INTERNAL, false, ENDPOINT, PODS, NODE),
        Arguments.of("hairpin also through ETP Local", EXTERNAL, true, ENDPOINT, PODS, NODE),
        Arguments.of("a client address this host cannot bind (not 127/8) uses the node", EXTERNAL, true, "192.0.2.7", PODS, NODE),
        Arguments.of("a pod address outside loopback (netns lab) uses the node", INTERNAL, false, "10.244.1.7",
            Ipv4Prefix.parse("10.244.0.0/16"), NODE),
        Arguments.of("an IPv6 client uses the node", EXTERNAL, true, "::1", PODS, NODE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(String name, Traffic traffic, boolean etpLocal, String client, Ipv4Prefix clusterCidr, Source expected) {
    assertThat(SourceAddressPolicy.decide(traffic, etpLocal, client, ENDPOINT, clusterCidr)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
      "127.244.0.0/16, 127.244.2.9, true",
      "127.244.0.0/16, 127.245.0.1, false",
      "127.244.1.0/24, 127.244.1.255, true",
      "127.244.1.7/24, 127.244.1.1, true",
      "0.0.0.0/0, 8.8.8.8, true",
      "127.0.0.1, 127.0.0.1, true",
      "127.0.0.1, 127.0.0.2, false",
      "127.0.0.0/8, ::1, false",
      "127.0.0.0/8, 127.0.0, false"})
  void prefixContains(String prefix, String ip, boolean expected) {
    assertThat(Ipv4Prefix.parse(prefix).contains(ip)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} is rejected")
  @CsvSource({"127.244.0.0/33", "127.244.0/16", "127.256.0.0/16", "pods", "127.244.0.0/x"})
  void badPrefixes(String prefix) {
    assertThatThrownBy(() -> Ipv4Prefix.parse(prefix)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid CIDR address");
  }

  @ParameterizedTest(name = "{0} prints as {1}")
  @CsvSource({"127.244.1.7/16, 127.244.0.0/16", "10.96.0.10, 10.96.0.10/32"})
  void prefixPrintsNormalised(String prefix, String printed) {
    assertThat(Ipv4Prefix.parse(prefix)).hasToString(printed);
  }
}
