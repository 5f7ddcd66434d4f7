package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code ./lab bench rest} end to end in a tiny configuration: a real apiserver, both front doors
 * driven, every row printed with its shape and every watch event delivered. Figures are not judged.
 */
class RestBenchmarkRunTest {
  private static final String NUMBER = "\\d+(\\.\\d+)?";

  @Test
  void tinyRunPrintsRestAndGrpcRowsMediansRatioAndGenerator() {
    RestBenchmark bench = new RestBenchmark();
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    bench.out = new PrintStream(captured, true, StandardCharsets.UTF_8);
    int code = new CommandLine(bench).execute("--rounds", "2", "--creates", "6", "--clients", "2", "--warm-up", "2");
    String out = captured.toString(StandardCharsets.UTF_8);
    assertThat(code).as(out).isZero();
    List<String> lines = out.lines().toList();

    assertThat(lines).as(out).anyMatch(l -> l.matches("apiserver pid \\d+: gRPC 127\\.0\\.0\\.1:\\d+, REST https://127\\.0\\.0\\.1:\\d+ .*"));
    // rounds alternate the order: rest first in round 1, grpc first in round 2
    assertThat(lines.stream().filter(l -> l.startsWith("round ") && l.contains(" creates in ")).map(l -> l.substring(0, l.indexOf(':'))))
        .as(out).containsExactly("round 1, rest", "round 1, grpc", "round 2, grpc", "round 2, rest");
    // each client holds a watch that sees every create of the round: 2 x 6
    String row = "\\s+\\d+(\\s+" + NUMBER + "){6}\\s+12/12\\s+" + NUMBER + " s\\s+" + NUMBER + " s";
    String median = "\\s+\\d+(\\s+" + NUMBER + "){6}\\s+" + NUMBER + " s\\s+" + NUMBER + " s";
    int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("round  door")).findFirst().orElseThrow());
    List<String> table = lines.subList(header + 1, header + 7);
    assertThat(table.get(0)).matches("1\\s+rest" + row);
    assertThat(table.get(1)).matches("1\\s+grpc" + row);
    assertThat(table.get(2)).matches("2\\s+rest" + row);
    assertThat(table.get(3)).matches("2\\s+grpc" + row);
    assertThat(table.get(4)).matches("median rest" + median);
    assertThat(table.get(5)).matches("median grpc" + median);
    assertThat(lines).as(out).anyMatch(l -> l.matches("median ratio rest/grpc over 2 rounds: creates/s " + NUMBER
        + " \\(goal >= 0\\.7: (met|missed)\\); rest median p99 of all requests " + NUMBER + " ms \\(goal <= 50: (met|missed)\\), grpc "
        + NUMBER + " ms"));
    assertThat(lines).as(out).anyMatch(l -> l.startsWith("load generator (one JVM, the same threads for both doors): rest "));
  }
}
