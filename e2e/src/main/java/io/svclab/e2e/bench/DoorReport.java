package io.svclab.e2e.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The rest benchmark's figures as printed: every round of every door, the medians, REST's ratio to
 * gRPC round by round, the goals (REST creates/s >= 0.7x gRPC, REST p99 <= 50 ms over all its
 * requests) and whether the load generator could have been the ceiling.
 */
final class DoorReport {
  static final double RATIO_GOAL = 0.7;
  static final double P99_GOAL_MS = 50;

  private DoorReport() {}

  private static final String ROW = "%-6s %-5s %10s %11s %11s %8s %9s %8s %8s %13s %11s %14s%n";

  /** {@code rounds}: door name to its rounds in order, REST first; every door has the same number. */
  static String table(Map<String, List<DoorRound>> rounds) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, ROW, "round", "door", "creates/s", "create p50",
        "create p99", "get p99", "list p99", "all p50", "all p99", "watch ADDED", "client CPU", "apiserver CPU"));
    int n = rounds.values().iterator().next().size();
    for (int i = 0; i < n; i++) {
      for (var e : rounds.entrySet()) {
        DoorRound r = e.getValue().get(i);
        b.append(String.format(Locale.ROOT, ROW, i + 1, e.getKey(), f0(r.createsPerSecond()), f2(r.createP50()),
            f2(r.createP99()), f2(r.getP99()), f2(r.listP99()), f2(r.allP50()), f2(r.allP99()),
            r.delivered() + "/" + r.expected(), f2(r.clientCpu()) + " s", f2(r.serverCpu()) + " s"));
      }
    }
    for (var e : rounds.entrySet()) {
      List<DoorRound> rs = e.getValue();
      b.append(String.format(Locale.ROOT, ROW, "median", e.getKey(), f0(median(rs, DoorRound::createsPerSecond)),
          f2(median(rs, DoorRound::createP50)), f2(median(rs, DoorRound::createP99)), f2(median(rs, DoorRound::getP99)),
          f2(median(rs, DoorRound::listP99)), f2(median(rs, DoorRound::allP50)), f2(median(rs, DoorRound::allP99)), "",
          f2(median(rs, DoorRound::clientCpu)) + " s", f2(median(rs, DoorRound::serverCpu)) + " s"));
    }
    return b.toString();
  }

  /** REST/gRPC creates/s round by round, their median, and the two goals met or missed. */
  static String verdict(List<DoorRound> rest, List<DoorRound> grpc) {
    StringBuilder b = new StringBuilder();
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < rest.size(); i++) {
      double ratio = rest.get(i).createsPerSecond() / grpc.get(i).createsPerSecond();
      ratios.add(ratio);
      b.append(String.format(Locale.ROOT, "round %d ratio rest/grpc: creates/s %.2f%n", i + 1, ratio));
    }
    double ratio = Spread.of(ratios).median();
    double restP99 = median(rest, DoorRound::allP99);
    double grpcP99 = median(grpc, DoorRound::allP99);
    b.append(String.format(Locale.ROOT, "median ratio rest/grpc over %d rounds: creates/s %.2f (goal >= %.1f: %s); "
        + "rest median p99 of all requests %.1f ms (goal <= %.0f: %s), grpc %.1f ms%n", rest.size(), ratio, RATIO_GOAL,
        metOrMissed(ratio >= RATIO_GOAL), restP99, P99_GOAL_MS, metOrMissed(restP99 <= P99_GOAL_MS), grpcP99));
    return b.toString();
  }

  /**
   * Whether the load generator set the pace: per door, its CPU per create and its share of the
   * CPU it and the apiserver used; it is not the ceiling when it used less than the apiserver in
   * every round (its threads were waiting on answers, not computing).
   */
  static String generator(Map<String, List<DoorRound>> rounds) {
    StringBuilder b = new StringBuilder("load generator (one JVM, the same threads for both doors):");
    boolean ceiling = false;
    for (var e : rounds.entrySet()) {
      List<DoorRound> rs = e.getValue();
      for (DoorRound r : rs) {
        ceiling |= r.clientCpu() >= r.serverCpu();
      }
      b.append(String.format(Locale.ROOT, " %s %.2f ms CPU per create, %.0f%% of client+apiserver CPU;", e.getKey(),
          median(rs, r -> r.clientCpu() * 1000 / r.creates()),
          median(rs, r -> 100 * r.clientCpu() / (r.clientCpu() + r.serverCpu()))));
    }
    b.setLength(b.length() - 1);
    b.append(ceiling ? "\n  in some round the generator used as much CPU as the apiserver: it may be the ceiling there\n"
        : "\n  in every round the generator used less CPU than the apiserver: the apiserver, not the generator, set the pace\n");
    return b.toString();
  }

  private static String metOrMissed(boolean met) {
    return met ? "met" : "missed";
  }

  static double median(List<DoorRound> rs, ToDoubleFunction<DoorRound> f) {
    return Spread.of(rs.stream().map(r -> f.applyAsDouble(r)).toList()).median();
  }

  private static String f0(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }

  private static String f2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
