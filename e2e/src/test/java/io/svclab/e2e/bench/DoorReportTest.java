package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rest benchmark's printed figures: rows, medians, ratios, goals and the generator's verdict. */
class DoorReportTest {
  /** A round of 1,000 creates taking {@code seconds}, with the given p99 over all requests and CPU. */
  private static DoorRound round(String door, double seconds, double allP99, double clientCpu, double serverCpu) {
    return new DoorRound(door, 1000, seconds, 4, 20, 8, 16, 5, allP99, 16000, 16000, clientCpu, serverCpu);
  }

  @Test
  void createsPerSecondIsCreatesOverTheRoundsWallTime() {
    assertThat(round("rest", 2.5, 30, 1, 2).createsPerSecond()).isEqualTo(400.0);
  }

  @Test
  void tableHasOneRowPerRoundAndDoorThenTheMediansOfEachDoor() {
    Map<String, List<DoorRound>> rounds = new LinkedHashMap<>();
    rounds.put("rest", List.of(round("rest", 2, 30, 1, 2), new DoorRound("rest", 1000, 4, 6, 44, 9, 17, 7, 48.5,
        15990, 16000, 3, 4)));
    rounds.put("grpc", List.of(round("grpc", 1, 20, 1, 2), round("grpc", 2, 40, 1, 3)));
    assertThat(DoorReport.table(rounds).lines().toList()).containsExactly(
        "round  door   creates/s  create p50  create p99  get p99  list p99  all p50  all p99   watch ADDED  client CPU  apiserver CPU",
        "1      rest         500        4.00       20.00     8.00     16.00     5.00    30.00   16000/16000      1.00 s         2.00 s",
        "1      grpc        1000        4.00       20.00     8.00     16.00     5.00    20.00   16000/16000      1.00 s         2.00 s",
        "2      rest         250        6.00       44.00     9.00     17.00     7.00    48.50   15990/16000      3.00 s         4.00 s",
        "2      grpc         500        4.00       20.00     8.00     16.00     5.00    40.00   16000/16000      1.00 s         3.00 s",
        "median rest         375        5.00       32.00     8.50     16.50     6.00    39.25                    2.00 s         3.00 s",
        "median grpc         750        4.00       20.00     8.00     16.00     5.00    30.00                    1.00 s         2.50 s");
  }

  static Stream<Arguments> verdicts() {
    return Stream.of(
        Arguments.of("both goals met", List.of(round("rest", 1.25, 40, 1, 2)), List.of(round("grpc", 1, 20, 1, 2)),
            List.of("round 1 ratio rest/grpc: creates/s 0.80",
                "median ratio rest/grpc over 1 rounds: creates/s 0.80 (goal >= 0.7: met); rest median p99 of all "
                    + "requests 40.0 ms (goal <= 50: met), grpc 20.0 ms")),
        Arguments.of("throughput missed, latency met", List.of(round("rest", 2, 45, 1, 2)),
            List.of(round("grpc", 1, 20, 1, 2)),
            List.of("round 1 ratio rest/grpc: creates/s 0.50",
                "median ratio rest/grpc over 1 rounds: creates/s 0.50 (goal >= 0.7: missed); rest median p99 of all "
                    + "requests 45.0 ms (goal <= 50: met), grpc 20.0 ms")),
        Arguments.of("exactly at both goals counts as met", List.of(round("rest", 10, 50, 1, 2)),
            List.of(round("grpc", 7, 20, 1, 2)),
            List.of("round 1 ratio rest/grpc: creates/s 0.70",
                "median ratio rest/grpc over 1 rounds: creates/s 0.70 (goal >= 0.7: met); rest median p99 of all "
                    + "requests 50.0 ms (goal <= 50: met), grpc 20.0 ms")),
        Arguments.of("ratios are per round; their median is the verdict, p99 the median of the rounds'",
            List.of(round("rest", 1, 30, 1, 2), round("rest", 4, 90, 1, 2), round("rest", 1, 60, 1, 2)),
            List.of(round("grpc", 1, 20, 1, 2), round("grpc", 1, 20, 1, 2), round("grpc", 2, 25, 1, 2)),
            List.of("round 1 ratio rest/grpc: creates/s 1.00", "round 2 ratio rest/grpc: creates/s 0.25",
                "round 3 ratio rest/grpc: creates/s 2.00",
                "median ratio rest/grpc over 3 rounds: creates/s 1.00 (goal >= 0.7: met); rest median p99 of all "
                    + "requests 60.0 ms (goal <= 50: missed), grpc 20.0 ms")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("verdicts")
  void verdictGivesRatiosAndGoals(String name, List<DoorRound> rest, List<DoorRound> grpc, List<String> expected) {
    assertThat(DoorReport.verdict(rest, grpc).lines().toList()).isEqualTo(expected);
  }

  static Stream<Arguments> generators() {
    return Stream.of(
        Arguments.of("less CPU than the apiserver in every round: not the ceiling",
            List.of(round("rest", 1, 30, 2, 6)), List.of(round("grpc", 1, 20, 1, 3)),
            "load generator (one JVM, the same threads for both doors): rest 2.00 ms CPU per create, 25% of "
                + "client+apiserver CPU; grpc 1.00 ms CPU per create, 25% of client+apiserver CPU",
            "  in every round the generator used less CPU than the apiserver: the apiserver, not the generator, set the pace"),
        Arguments.of("as much CPU as the apiserver in one round: maybe the ceiling",
            List.of(round("rest", 1, 30, 2, 6), round("rest", 1, 30, 4, 4)), List.of(round("grpc", 1, 20, 1, 3),
                round("grpc", 1, 20, 1, 3)),
            "load generator (one JVM, the same threads for both doors): rest 3.00 ms CPU per create, 38% of "
                + "client+apiserver CPU; grpc 1.00 ms CPU per create, 25% of client+apiserver CPU",
            "  in some round the generator used as much CPU as the apiserver: it may be the ceiling there"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generators")
  void generatorVerdictComparesItsCpuWithTheApiservers(String name, List<DoorRound> rest, List<DoorRound> grpc,
      String figures, String verdict) {
    Map<String, List<DoorRound>> rounds = new LinkedHashMap<>();
    rounds.put("rest", rest);
    rounds.put("grpc", grpc);
    assertThat(DoorReport.generator(rounds).lines().toList()).containsExactly(figures, verdict);
  }
}
