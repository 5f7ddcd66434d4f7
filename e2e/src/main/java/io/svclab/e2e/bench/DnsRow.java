package io.svclab.e2e.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** One row of the DNS benchmark: the rounds of svclab and NSD, interleaved, and their medians. */
final class DnsRow {
  /** One server's round: a throughput run and a paced (latency) run. */
  record Round(DnsLoad.Measured load, DnsperfRun paced) {}

  final String name;
  final List<Round> svclab = new ArrayList<>();
  final List<Round> nsd = new ArrayList<>();

  DnsRow(String name) {
    this.name = name;
  }

  static String line(String row, int round, String server, Round r) {
    DnsperfRun l = r.load().run();
    return String.format(Locale.ROOT,
        "  %-26s round %d %-6s %,9.0f qps  lost %,6d  avg %.3f ms  p99 %.3f ms (paced)  | dnsperf %.2f cores, server %.2f cores",
        row, round, server, l.qps(), l.lost(), l.avgLatencyMillis(), r.paced().p99Millis(), r.load().generatorCores(),
        r.load().serverCores());
  }

  static double median(List<Round> rounds, ToDoubleFunction<Round> f) {
    double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  double qps(List<Round> rounds) {
    return median(rounds, r -> r.load().run().qps());
  }

  double p99(List<Round> rounds) {
    return median(rounds, r -> r.paced().p99Millis());
  }

  double ratio() {
    return qps(svclab) / qps(nsd);
  }

  /** The most of its threads' capacity dnsperf used in any run of this row (cores per thread). */
  double generatorLoad(int threads) {
    return concat().stream().mapToDouble(r -> r.load().generatorCores()).max().orElse(Double.NaN) / threads;
  }

  /** The highest qps any run could reach with dnsperf's outstanding limit: outstanding / average latency. */
  double outstandingBound(int outstanding) {
    return concat().stream().mapToDouble(r -> outstanding / (r.load().run().avgLatencyMillis() / 1000)).min()
        .orElse(Double.NaN);
  }

  double highestQps() {
    return concat().stream().mapToDouble(r -> r.load().run().qps()).max().orElse(Double.NaN);
  }

  private List<Round> concat() {
    List<Round> all = new ArrayList<>(svclab);
    all.addAll(nsd);
    return all;
  }

  String summary() {
    return String.format(Locale.ROOT, "%-32s %,12.0f %,12.0f %7.2f %12.3f %12.3f", name, qps(svclab), qps(nsd),
        ratio(), p99(svclab), p99(nsd));
  }

  static String header(int latencyRate) {
    return String.format(Locale.ROOT, "%-32s %12s %12s %7s %12s %12s", "row (median of rounds)", "svclab qps",
        "NSD qps", "ratio", "svclab p99", "NSD p99") + String.format(Locale.ROOT, "   (p99 in ms, paced at %,d qps)",
        latencyRate);
  }

  @Override
  public String toString() {
    return name + Arrays.asList(svclab.size(), nsd.size());
  }
}
