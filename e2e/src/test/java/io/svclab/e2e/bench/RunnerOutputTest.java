package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What the benchmark runners read from wrk and iperf3, and what they give HAProxy. */
class RunnerOutputTest {
  static Stream<Arguments> wrkReports() {
    return Stream.of(
        Arguments.of("keep-alive run without errors", """
            Running 10s test @ http://127.245.1.2:8080/hostname
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.39ms  512.00us  20.11ms   90.12%
                Req/Sec    23.10k     1.20k   26.00k    70.00%
              459671 requests in 10.00s, 52.34MB read
            Requests/sec:  45967.10
            Transfer/sec:      5.23MB
            """, new Wrk.Result(45967.10, 459671, 0, 0)),
        Arguments.of("socket errors and non-2xx are counted", """
              12000 requests in 10.01s, 1.20MB read
              Socket errors: connect 3, read 5, write 0, timeout 2
              Non-2xx or 3xx responses: 7
            Requests/sec:   1198.80
            """, new Wrk.Result(1198.80, 12000, 10, 7)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wrkReports")
  void wrkReportIsParsed(String name, String report, Wrk.Result expected) {
    assertThat(Wrk.parse(report)).isEqualTo(expected);
  }

  @Test
  void wrkReportWithoutThroughputIsAnError() {
    assertThatThrownBy(() -> Wrk.parse("unable to connect to 127.0.0.1:1 Connection refused"))
        .hasMessageContaining("Connection refused");
  }

  @Test
  void wrkConnectionCloseSendsTheHeader() {
    assertThat(new Wrk.Load(2, 64, java.time.Duration.ofSeconds(10), true).args("http://a/"))
        .containsExactly("wrk", "-t2", "-c64", "-d10s", "--timeout", "5s", "-H", "Connection: close", "http://a/");
  }

  @Test
  void iperfThroughputIsTheReceiverSide() {
    String json = """
        {"start": {}, "intervals": [],
         "end": {"sum_sent": {"bits_per_second": 9.9e9}, "sum_received": {"bits_per_second": 8.25e9}}}
        """;
    assertThat(Iperf3.parseGbits(json)).isEqualTo(8.25);
  }

  @Test
  void iperfErrorIsReported() {
    assertThatThrownBy(() -> Iperf3.parseGbits("""
        {"start": {"connected": []}, "intervals": [], "end": {}, "error": "unable to connect to server: Connection refused"}
        """)).hasMessageContaining("unable to connect to server");
  }

  @Test
  void haproxyConfigListensOnItsAddressAndBalancesOverEveryBackend() {
    String cfg = HaproxyProcess.config(new InetSocketAddress("127.0.9.1", 40000),
        List.of(new InetSocketAddress("127.0.10.201", 30080), new InetSocketAddress("127.0.10.202", 30080)));
    assertThat(cfg).contains("mode tcp", "bind 127.0.9.1:40000", "server s1 127.0.10.201:30080",
        "server s2 127.0.10.202:30080");
  }

  @Test
  void tableShowsRatioAgainstTheGoal() {
    String table = Figure.table("svclab", List.of(new Figure("HTTP keep-alive", "req/s", 40000, 20000, 25000),
        new Figure("iperf3 1 stream", "Gbit/s", 18, 8, 6)));
    assertThat(table.lines()).hasSize(3);
    assertThat(table.lines().toList().get(1)).contains("1.25", "met");
    assertThat(table.lines().toList().get(2)).contains("0.75", "missed");
  }

  @Test
  void headroomSaysWhetherTheGeneratorWasTheCeiling() {
    assertThat(Figure.headroom(List.of(new Figure("HTTP keep-alive", "req/s", 40000, 20000, 25000))))
        .contains("1.60x", "not the ceiling");
    assertThat(Figure.headroom(List.of(new Figure("HTTP keep-alive", "req/s", 40000, 20000, 25000),
        new Figure("iperf3 1 stream", "Gbit/s", 9, 8, 6)))).contains("1.13x", "may be the ceiling");
  }
}
