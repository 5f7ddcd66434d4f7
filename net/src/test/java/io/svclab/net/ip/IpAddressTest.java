package io.svclab.net.ip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Kubernetes' ParseIPSloppy table (k8s.io/utils/net, Go 1.16's net.ParseIP) as far as svclab reads IPs. */
class IpAddressTest {
  /** input, canonical text (null: rejected), IPv4? */
  static Stream<Arguments> literals() {
    return Stream.of(
        arguments(named("plain dotted quad", "10.9.8.7"), "10.9.8.7", true),
        arguments(named("zero address", "0.0.0.0"), "0.0.0.0", true),
        arguments(named("broadcast", "255.255.255.255"), "255.255.255.255", true),
        arguments(named("leading zeros are decimal (legacy, #100895)", "010.001.002.003"), "10.1.2.3", true),
        arguments(named("many leading zeros", "0000127.0.0.1"), "127.0.0.1", true),
        arguments(named("octet above 255", "127.0.0.256"), null, false),
        arguments(named("octet far above 255", "1.2.3.99999"), null, false),
        arguments(named("trailing dot", "1.2.3.4."), null, false),
        arguments(named("leading dot", ".1.2.3.4"), null, false),
        arguments(named("empty octet", "1.2..4"), null, false),
        arguments(named("three octets", "127.0.0"), null, false),
        arguments(named("five octets", "1.2.3.4.5"), null, false),
        arguments(named("sign", "+1.2.3.4"), null, false),
        arguments(named("negative octet", "0.-1.0.0"), null, false),
        arguments(named("surrounding space", " 1.2.3.4"), null, false),
        arguments(named("trailing newline", "1.2.3.4\n"), null, false),
        arguments(named("hex octet", "0x7f.0.0.1"), null, false),
        arguments(named("non-ASCII digit", "1.2.3.\u0664"), null, false),
        arguments(named("empty", ""), null, false),
        arguments(named("a name", "localhost"), null, false),
        arguments(named("IPv6", "2001:db8::ffff"), "2001:db8::ffff", false),
        arguments(named("IPv6 expanded prints compressed", "2001:0db8:0000:0000:0000:0000:0000:0001"), "2001:db8::1", false),
        arguments(named("IPv6 loopback", "::1"), "::1", false),
        arguments(named("IPv4-mapped IPv6 is IPv4 (To4)", "::ffff:127.1.2.3"), "127.1.2.3", true),
        arguments(named("IPv4-mapped with leading zeros", "::ffff:127.010.020.030"), "127.10.20.30", true),
        arguments(named("IPv6 zone", "fe80::1%lo0"), null, false),
        arguments(named("IPv6 brackets", "[::1]"), null, false),
        arguments(named("IPv6 with nine groups", "a1:a2:a3:a4::b1:b2:b3:b4"), null, false),
        arguments(named("dangling colon", "123:"), null, false),
        arguments(named("IPv6 bad dotted tail", "::ffff:1.2.3.4."), null, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("literals")
  void readsLikeKubernetes(String input, String canonical, boolean ipv4) {
    var parsed = IpAddress.parse(input);
    assertThat(parsed.map(IpAddress::toString).orElse(null)).isEqualTo(canonical);
    assertThat(IpAddress.isValid(input)).isEqualTo(canonical != null);
    assertThat(Ipv4.isValid(input)).isEqualTo(ipv4);
    parsed.ifPresent(a -> assertThat(a.isIpv4()).isEqualTo(ipv4));
  }

  static Stream<Arguments> ipv4Values() {
    return Stream.of(
        arguments(named("loopback", "127.0.0.1"), 0x7F000001L),
        arguments(named("top bit set stays unsigned", "255.255.255.254"), 0xFFFFFFFEL),
        arguments(named("leading zeros", "127.000.000.001"), 0x7F000001L));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ipv4Values")
  void ipv4Values(String text, long value) {
    assertThat(Ipv4.parse(text)).isEqualTo(value);
    assertThat(Ipv4.format(value)).isEqualTo(IpAddress.parse(text).orElseThrow().toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("literals")
  void ipv4OnlyCallersGetOneMessage(String input, String canonical, boolean ipv4) {
    if (ipv4) return;
    assertThatThrownBy(() -> Ipv4.parse(input)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an IPv4 address: " + input);
  }

  static Stream<Arguments> specialRanges() {
    return Stream.of(
        arguments(named("unspecified v4", "0.0.0.0"), "unspecified"),
        arguments(named("unspecified v6", "::"), "unspecified"),
        arguments(named("loopback v4", "127.9.9.9"), "loopback"),
        arguments(named("loopback v6", "::1"), "loopback"),
        arguments(named("link-local v4", "169.254.1.1"), "link-local"),
        arguments(named("link-local v6", "fe80::1"), "link-local"),
        arguments(named("link-local multicast v4", "224.0.0.251"), "link-local multicast"),
        arguments(named("link-local multicast v6", "ff02::fb"), "link-local multicast"),
        arguments(named("ordinary v4", "10.0.0.1"), "ordinary"),
        arguments(named("ordinary multicast v4", "224.0.1.1"), "ordinary"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specialRanges")
  void specialRanges(String text, String kind) {
    IpAddress ip = IpAddress.parse(text).orElseThrow();
    String actual = ip.isUnspecified() ? "unspecified" : ip.isLoopback() ? "loopback"
        : ip.isLinkLocalUnicast() ? "link-local" : ip.isLinkLocalMulticast() ? "link-local multicast" : "ordinary";
    assertThat(actual).isEqualTo(kind);
  }

  static Stream<Arguments> expandedForms() {
    return Stream.of(
        arguments(named("IPv6 expanded", "2001:db8::1"), "2001:0db8:0000:0000:0000:0000:0000:0001"),
        arguments(named("IPv4 unchanged", "10.0.0.1"), "10.0.0.1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expandedForms")
  void expanded(String text, String expanded) {
    assertThat(IpAddress.parse(text).orElseThrow().expanded()).isEqualTo(expanded);
  }
}
