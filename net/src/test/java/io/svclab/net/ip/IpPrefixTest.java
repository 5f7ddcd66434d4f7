package io.svclab.net.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IpPrefixTest {
  /** input, normalised IPv4 prefix (null: not an IPv4 prefix), valid CIDR of any family? */
  static Stream<Arguments> prefixes() {
    return Stream.of(
        arguments(named("network", "127.244.0.0/16"), "127.244.0.0/16", true),
        arguments(named("host bits are cleared", "127.244.1.7/24"), "127.244.1.0/24", true),
        arguments(named("everything", "0.0.0.0/0"), "0.0.0.0/0", true),
        arguments(named("bare address is a /32 (not a CIDR)", "10.96.0.10"), "10.96.0.10/32", false),
        arguments(named("leading zeros in the address", "010.0.0.0/8"), "10.0.0.0/8", true),
        arguments(named("leading zero in the length", "10.0.0.0/08"), "10.0.0.0/8", true),
        arguments(named("length above 32", "127.244.0.0/33"), null, false),
        arguments(named("three octets", "127.244.0/16"), null, false),
        arguments(named("octet above 255", "127.256.0.0/16"), null, false),
        arguments(named("a word", "pods"), null, false),
        arguments(named("length not a number", "127.244.0.0/x"), null, false),
        arguments(named("empty length", "127.244.0.0/"), null, false),
        arguments(named("negative length", "127.244.0.0/-1"), null, false),
        arguments(named("trailing dot", "1.2.3.4./32"), null, false),
        arguments(named("IPv6 CIDR", "2001:db8::/64"), null, true),
        arguments(named("IPv6 length above 128", "2001:db8::/129"), null, false),
        arguments(named("empty", ""), null, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("prefixes")
  void parses(String input, String ipv4Prefix, boolean cidr) {
    assertThat(IpPrefix.isValid(input)).isEqualTo(cidr);
    if (ipv4Prefix == null) {
      assertThatThrownBy(() -> Ipv4Prefix.parse(input)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid CIDR address: " + input);
    } else {
      assertThat(Ipv4Prefix.parse(input)).hasToString(ipv4Prefix);
    }
  }

  static Stream<Arguments> containment() {
    return Stream.of(
        arguments(named("inside", "127.244.0.0/16"), "127.244.2.9", true),
        arguments(named("next network", "127.244.0.0/16"), "127.245.0.1", false),
        arguments(named("last address", "127.244.1.0/24"), "127.244.1.255", true),
        arguments(named("everything holds any address", "0.0.0.0/0"), "8.8.8.8", true),
        arguments(named("a /32 holds itself", "127.0.0.1"), "127.0.0.1", true),
        arguments(named("a /32 holds nothing else", "127.0.0.1"), "127.0.0.2", false),
        arguments(named("IPv6 is never inside", "127.0.0.0/8"), "::1", false),
        arguments(named("not an address", "127.0.0.0/8"), "127.0.0", false),
        arguments(named("trailing dot is not an address", "127.0.0.0/8"), "127.0.0.1.", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("containment")
  void contains(String prefix, String ip, boolean inside) {
    assertThat(Ipv4Prefix.parse(prefix).contains(ip)).isEqualTo(inside);
  }

  static Stream<Arguments> sizes() {
    return Stream.of(
        arguments(named("/24", "127.100.0.0/24"), 256L, "127.100.0.255"),
        arguments(named("/32", "127.100.0.9/32"), 1L, "127.100.0.9"),
        arguments(named("/0", "0.0.0.0/0"), 1L << 32, "255.255.255.255"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sizes")
  void sizes(String prefix, long size, String last) {
    Ipv4Prefix p = Ipv4Prefix.parse(prefix);
    assertThat(p.size()).isEqualTo(size);
    assertThat(Ipv4.format(p.last())).isEqualTo(last);
  }
}
