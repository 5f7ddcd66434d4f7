package io.svclab.node.toolbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** nc's, ping's and ip's words, as pure functions. */
class NetToolOutputTest {
  static Stream<Arguments> ncReports() {
    return Stream.of(
        Arguments.of("busybox, open", Nc.Flavour.BUSYBOX, "web", Nc.Outcome.OPEN, 1, false, "web (10.96.0.20:80) open\n"),
        Arguments.of("busybox, refused with one -v: silent", Nc.Flavour.BUSYBOX, "web", Nc.Outcome.REFUSED, 1, false, ""),
        Arguments.of("busybox, refused with -vv", Nc.Flavour.BUSYBOX, "web", Nc.Outcome.REFUSED, 2, false,
            "nc: web (10.96.0.20:80): Connection refused\n"),
        Arguments.of("busybox, timed out with -v", Nc.Flavour.BUSYBOX, "web", Nc.Outcome.TIMED_OUT, 1, false,
            "nc: web (10.96.0.20:80): Connection timed out\n"),
        Arguments.of("busybox, open, no -v", Nc.Flavour.BUSYBOX, "web", Nc.Outcome.OPEN, 0, false, ""),
        Arguments.of("openbsd, open by name", Nc.Flavour.OPENBSD, "web", Nc.Outcome.OPEN, 1, false,
            "Connection to web (10.96.0.20) 80 port [tcp/http] succeeded!\n"),
        Arguments.of("openbsd, open by address", Nc.Flavour.OPENBSD, "10.96.0.20", Nc.Outcome.OPEN, 1, false,
            "Connection to 10.96.0.20 80 port [tcp/http] succeeded!\n"),
        Arguments.of("openbsd, -n: no address, no service name", Nc.Flavour.OPENBSD, "web", Nc.Outcome.OPEN, 1, true,
            "Connection to web 80 port [tcp/*] succeeded!\n"),
        Arguments.of("openbsd, refused", Nc.Flavour.OPENBSD, "web", Nc.Outcome.REFUSED, 1, false,
            "nc: connect to web (10.96.0.20) port 80 (tcp) failed: Connection refused\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ncReports")
  void ncReports(String name, Nc.Flavour flavour, String host, Nc.Outcome outcome, int verbose, boolean numeric,
      String expected) {
    assertThat(Nc.report(flavour, host, "10.96.0.20", 80, outcome, verbose, numeric)).isEqualTo(expected);
  }

  static Stream<Arguments> servicePorts() {
    Map<String, String> env = Map.of(
        "BACKEND_SERVICE_SERVICE_HOST", "10.96.1.2", "BACKEND_SERVICE_PORT_80_TCP_PORT", "80",
        "BACKEND_SERVICE_PORT_8443_TCP_PORT", "8443", "DB_SERVICE_HOST", "10.96.3.4", "DB_PORT_5432_TCP_PORT", "5432");
    return Stream.of(
        Arguments.of("a Service with two ports", env, "10.96.1.2", List.of(80, 8443)),
        Arguments.of("a Service with one", env, "10.96.3.4", List.of(5432)),
        Arguments.of("no Service of the namespace has the address: 80", env, "10.244.1.7", List.of(80)),
        Arguments.of("no environment", Map.of(), "10.96.1.2", List.of(80)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("servicePorts")
  void pingTestsTheServicesPorts(String name, Map<String, String> env, String ip, List<Integer> expected) {
    assertThat(Ping.servicePorts(env, ip)).isEqualTo(expected);
  }

  @Test
  void pingsLines() {
    assertThat(Ping.note("backend-service", "10.96.1.2", List.of(80)))
        .isEqualTo("PING backend-service (10.96.1.2): ICMP is not available in svclab's loopback mode; testing TCP port 80 instead");
    assertThat(Ping.note("10.96.1.2", "10.96.1.2", List.of(80, 443)))
        .isEqualTo("PING 10.96.1.2: ICMP is not available in svclab's loopback mode; testing TCP ports 80,443 instead");
    assertThat(Ping.probeLine("10.96.1.2", List.of(80), 0, List.of(), 0.5))
        .isEqualTo("tcp connect to 10.96.1.2 port 80: seq=0 open time=0.500 ms");
    assertThat(Ping.probeLine("10.96.1.2", List.of(80), 3, List.of("80: Connection refused"), 0.5))
        .isEqualTo("tcp connect to 10.96.1.2 port 80: Connection refused: seq=3");
    assertThat(Ping.summary("web", 3, 2)).isEqualTo("\n--- web ping statistics ---\n3 TCP connects, 2 succeeded, 33% failed\n");
  }

  @Test
  void busyboxIpAddr() {
    assertThat(IpAddr.format(false, "127.244.1.5", 24, null)).isEqualTo("""
        1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000
            link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
            inet 127.0.0.1/8 scope host lo
               valid_lft forever preferred_lft forever
        2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP\s
            link/ether 0a:58:7f:f4:01:05 brd ff:ff:ff:ff:ff:ff
            inet 127.244.1.5/24 brd 127.244.1.255 scope global eth0
               valid_lft forever preferred_lft forever
        """);
  }

  @Test
  void iproute2IpAddrOfEth0() {
    assertThat(IpAddr.format(true, "10.244.0.12", 24, "eth0")).isEqualTo("""
        2: eth0@if14: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default\s
            link/ether 0a:58:0a:f4:00:0c brd ff:ff:ff:ff:ff:ff link-netnsid 0
            inet 10.244.0.12/24 brd 10.244.0.255 scope global eth0
               valid_lft forever preferred_lft forever
        """);
  }
}
