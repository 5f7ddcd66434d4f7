package io.svclab.node.pods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodIpAllocatorTest {
  @Test
  void skipsNetworkAndGatewayAndStartsAtTwo() {
    PodIpAllocator a = new PodIpAllocator("127.244.1.0/24");
    assertThat(a.allocate("a")).contains("127.244.1.2");
    assertThat(a.allocate("b")).contains("127.244.1.3");
    assertThat(a.allocate("a")).contains("127.244.1.2");
  }

  @Test
  void exhaustsWithoutBroadcast() {
    PodIpAllocator a = new PodIpAllocator("127.244.1.0/29");
    for (int i = 2; i <= 6; i++) assertThat(a.allocate("p" + i)).contains("127.244.1." + i);
    assertThat(a.allocate("p7")).isEmpty();
    a.release("p3");
    assertThat(a.allocate("p8")).contains("127.244.1.3");
  }

  static Stream<Arguments> reservations() {
    return Stream.of(
        Arguments.of("free address in range", "127.244.1.9", true),
        Arguments.of("outside the CIDR", "127.244.2.9", false),
        Arguments.of("gateway", "127.244.1.1", false),
        Arguments.of("broadcast", "127.244.1.255", false),
        Arguments.of("network", "127.244.1.0", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reservations")
  void reservesForReAdoption(String name, String ip, boolean ok) {
    PodIpAllocator a = new PodIpAllocator("127.244.1.0/24");
    assertThat(a.reserve("x", ip)).isEqualTo(ok);
  }

  @Test
  void aReservedAddressIsNotGivenToAnother() {
    PodIpAllocator a = new PodIpAllocator("127.244.1.0/24");
    assertThat(a.reserve("old", "127.244.1.2")).isTrue();
    assertThat(a.reserve("other", "127.244.1.2")).isFalse();
    assertThat(a.allocate("new")).contains("127.244.1.3");
  }
}
