package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.iptables.SyncPlanner;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./lab bench rules} with a tiny configuration (root: it makes its own namespace): it runs
 * both modes and prints its rows. Shape only, never time. And the snapshots it changes: each
 * partial step changes exactly one Service.
 */
class RulesBenchmarkTest {
  static final Pattern SPREAD = Pattern.compile("\\d+\\.\\d / \\d+\\.\\d / \\d+\\.\\d");

  @Test
  void runsBothModesAndPrintsItsRows() {
    String printed = run("--services", "20", "--rounds", "1", "--partials", "2", "--throughput-seconds", "1");
    assertThat(printed).contains("20 Services x 2 endpoints: iptables-restore input ")
        .contains("round 1: ipt-bare ").containsPattern("measure +iptables +nftables");
    for (String row : List.of("bare restore of the same input (anchor)", "full sync (render + restore)",
        "partial sync, one Service changed", "  its CPU (this JVM + the tools it ran)", "partial sync, one Service removed")) {
      String line = printed.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow(() -> new AssertionError(
          "no row " + row + " in\n" + printed));
      assertThat(SPREAD.matcher(line).results().count()).as(line).isEqualTo(2);
    }
    assertThat(printed.lines().filter(l -> l.startsWith("full / bare (medians), goal <= 1.2")
        || l.startsWith("partial median, goal <= 100 ms")))
        .hasSize(2).allSatisfy(l -> assertThat(l).containsPattern("(met|missed) +\\S.* (met|missed)$"));
    // the data path: wrk and iperf3, direct and through each mode's ClusterIP, every run measured
    for (String row : List.of("direct to the pod IP, wrk", "through the ClusterIP, wrk", "direct to the pod IP, iperf3",
        "through the ClusterIP, iperf3")) {
      String line = printed.lines().filter(l -> l.startsWith(row)).findFirst().orElseThrow(() -> new AssertionError(
          "no row " + row + " in\n" + printed));
      assertThat(Pattern.compile("\\d+ / \\d+ / \\d+").matcher(line).results().count()).as(line).isEqualTo(2);
    }
    assertThat(printed).doesNotContain("data path run failed");
    assertThat(printed.lines().filter(l -> l.contains("ClusterIP / direct (medians), goal >= 0.9")))
        .hasSize(2).allSatisfy(l -> assertThat(l).containsPattern("(met|missed) +\\S.* (met|missed)$"));
    assertThat(printed.lines().filter(l -> l.contains("ClusterIP / direct, paired per round")))
        .hasSize(2).allSatisfy(l -> assertThat(Pattern.compile("\\d+\\.\\d\\d / \\d+\\.\\d\\d / \\d+\\.\\d\\d")
            .matcher(l).results().count()).as(l).isEqualTo(2));
  }

  @Test
  void aModeLeftOutIsNotMeasured() {
    String printed = run("--services", "20", "--rounds", "1", "--partials", "2", "--throughput-seconds", "0",
        "--modes", "nftables");
    assertThat(printed).contains("iptables not measured: left out by --modes").contains("ipt-bare - ms")
        .doesNotContain("data path");
    String partial = printed.lines().filter(l -> l.startsWith("partial sync, one Service changed")).findFirst()
        .orElseThrow(() -> new AssertionError(printed));
    assertThat(partial).contains("NaN / NaN / NaN").containsPattern(SPREAD.pattern() + "$");
  }

  @Test
  void eachPartialStepChangesOneService() {
    ProxySnapshot base = RulesBenchmark.snapshot(5, 2, -1);
    ProxySnapshot grown = RulesBenchmark.snapshot(5, 2, 3);
    assertThat(base.servicePorts()).hasSize(5).allSatisfy(p -> assertThat(p.endpoints()).hasSize(2));
    assertThat(grown.servicePorts().stream().map(ServicePortInfo::endpoints).map(List::size))
        .containsExactly(2, 2, 2, 3, 2);
    assertThat(SyncPlanner.changedServices(base, grown)).containsExactly("bench-3/svc-3");
    assertThat(base.servicePorts().stream().map(ServicePortInfo::clusterIp).distinct()).hasSize(5);
  }

  /** Runs the benchmark with {@code args}; what it printed, once it exited 0. */
  private static String run(String... args) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream out = System.out;
    int code;
    try {
      System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
      code = new CommandLine(new RulesBenchmark()).execute(args);
    } finally {
      System.setOut(out);
    }
    String printed = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    return printed;
  }
}
