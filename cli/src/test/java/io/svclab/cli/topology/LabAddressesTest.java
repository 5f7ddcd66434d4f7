package io.svclab.cli.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabAddressesTest {
  static Stream<Arguments> clusters() {
    return Stream.of(
        Arguments.of("the loopback lab's nodes", List.of("127.244.1.0/24", "127.244.2.0/24"), "127.244.0.0/16"),
        Arguments.of("the kernel lab's nodes", List.of("10.244.1.0/24", "10.244.2.0/24"), "10.244.0.0/16"),
        Arguments.of("no node yet: the loopback lab's, as before", List.of(), "127.244.0.0/16"),
        Arguments.of("a node without a podCIDR among kernel ones", List.of("10.244.1.0/24", ""), "127.244.0.0/16"),
        Arguments.of("mixed ranges are no kernel lab", List.of("10.244.1.0/24", "127.244.2.0/24"), "127.244.0.0/16"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusters")
  void clusterCidrFollowsTheNodesPodCidrs(String name, List<String> podCidrs, String expected) {
    assertThat(LabAddresses.clusterCidrOf(podCidrs)).isEqualTo(expected);
  }
}
