package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** dnsperf 2.10's output taken apart: the statistics block and, verbose, the per-query latencies. */
class DnsperfRunTest {
  static final String STATISTICS = """
      Statistics:

        Queries sent:         301365
        Queries completed:    301360 (100.00%)
        Queries lost:         5 (0.00%)

        Response codes:       NOERROR 150683 (50.00%), NXDOMAIN 150677 (50.00%)
        Average packet size:  request 45, response 98
        Run time (s):         3.002430
        Queries per second:   100373.697305

        Average Latency (s):  0.000731 (min 0.000012, max 0.026172)
        Latency StdDev (s):   0.000634
      """;

  record Case(String name, String output, double p50Millis, double p99Millis) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String verbose(int n) {
    StringBuilder b = new StringBuilder("[Status] Sending queries (to 127.0.0.1:5399)\n");
    for (int i = 1; i <= n; i++) { // latencies 0.1 ms .. n * 0.1 ms, shuffled order does not matter
      b.append("> NOERROR a.default.svc.cluster.local A ").append(String.format("%.6f", (n + 1 - i) / 10000.0)).append('\n');
    }
    b.append("> T b.default.svc.cluster.local A\n"); // a timeout: no latency
    return b + STATISTICS;
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("statistics only: no percentiles", STATISTICS, Double.NaN, Double.NaN),
        new Case("verbose, 100 queries and a timeout", verbose(100), 5.0, 9.9),
        new Case("verbose, one query", verbose(1), 0.1, 0.1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parses(Case c) {
    DnsperfRun run = DnsperfRun.parse(c.output());
    assertThat(run.sent()).isEqualTo(301365);
    assertThat(run.completed()).isEqualTo(301360);
    assertThat(run.lost()).isEqualTo(5);
    assertThat(run.qps()).isCloseTo(100373.697305, within(1e-6));
    assertThat(run.avgLatencyMillis()).isCloseTo(0.731, within(1e-9));
    assertThat(run.responseCodes()).startsWith("NOERROR 150683");
    if (Double.isNaN(c.p99Millis())) {
      assertThat(run.p99Millis()).isNaN();
    } else {
      assertThat(run.p50Millis()).isCloseTo(c.p50Millis(), within(1e-9));
      assertThat(run.p99Millis()).isCloseTo(c.p99Millis(), within(1e-9));
    }
  }
}
