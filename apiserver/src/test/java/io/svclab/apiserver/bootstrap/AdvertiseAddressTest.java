package io.svclab.apiserver.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.apiserver.bootstrap.AdvertiseAddress.InterfaceAddress;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case: --advertise-address, --bind-address, the machine's addresses, and the address published. */
class AdvertiseAddressTest {
  static final InterfaceAddress LO = new InterfaceAddress("127.0.0.1", true, false, true);
  static final InterfaceAddress LO6 = new InterfaceAddress("0:0:0:0:0:0:0:1", true, false, false);
  static final InterfaceAddress ETH0 = new InterfaceAddress("172.28.0.2", false, false, true);
  static final InterfaceAddress ETH1 = new InterfaceAddress("10.0.0.7", false, false, true);
  static final InterfaceAddress LINK_LOCAL6 = new InterfaceAddress("fe80:0:0:0:42:acff:fe1c:2", false, true, false);
  static final InterfaceAddress GLOBAL6 = new InterfaceAddress("2001:db8:0:0:0:0:0:2", false, false, false);
  static final InterfaceAddress LINK_LOCAL4 = new InterfaceAddress("169.254.3.4", false, true, true);

  static Stream<Arguments> cases() {
    return Stream.of(
        arguments("the flag wins over a specific bind address", Optional.of("192.0.2.9"), "127.0.0.1", List.of(LO, ETH0), "192.0.2.9"),
        arguments("the flag wins over 0.0.0.0", Optional.of("192.0.2.9"), "0.0.0.0", List.of(LO, ETH0), "192.0.2.9"),
        arguments("a specific bind address is published (the local lab)", Optional.empty(), "127.0.0.1", List.of(LO, ETH0), "127.0.0.1"),
        arguments("0.0.0.0: the first non-loopback IPv4 address (the container lab)", Optional.empty(), "0.0.0.0",
            List.of(LO, LO6, LINK_LOCAL6, ETH0, ETH1), "172.28.0.2"),
        arguments(":: is unspecified too", Optional.empty(), "::", List.of(LO, ETH1, ETH0), "10.0.0.7"),
        arguments("link-local and IPv6 addresses are skipped", Optional.empty(), "0.0.0.0",
            List.of(LINK_LOCAL4, GLOBAL6, LINK_LOCAL6, ETH1), "10.0.0.7"),
        arguments("only loopback: 127.0.0.1", Optional.empty(), "0.0.0.0", List.of(LO, LO6), "127.0.0.1"),
        arguments("no interfaces read: 127.0.0.1", Optional.empty(), "0.0.0.0", List.of(), "127.0.0.1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void publishes(String name, Optional<String> flag, String bind, List<InterfaceAddress> interfaces, String expected) {
    assertThat(AdvertiseAddress.choose(flag, bind, interfaces)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unspecifiedFlags")
  void anUnspecifiedFlagIsRejectedInKubernetesWords(String flag) {
    assertThatThrownBy(() -> AdvertiseAddress.choose(Optional.of(flag), "0.0.0.0", List.of(ETH0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--advertise-address: Invalid value: \"" + flag + "\": may not be unspecified (" + flag + ")");
  }

  static Stream<String> unspecifiedFlags() {
    return Stream.of("0.0.0.0", "::");
  }
}
