package io.svclab.e2e.bench;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One dnsperf run's figures, from its statistics block and, for verbose runs ({@code -v}),
 * the per-query lines ({@code > NOERROR name A 0.000146}) for percentiles.
 */
record DnsperfRun(long sent, long completed, long lost, double qps, double avgLatencyMillis, double p50Millis,
    double p99Millis, String responseCodes) {
  private static final Pattern SENT = Pattern.compile("Queries sent:\\s+(\\d+)");
  private static final Pattern COMPLETED = Pattern.compile("Queries completed:\\s+(\\d+)");
  private static final Pattern LOST = Pattern.compile("Queries lost:\\s+(\\d+)");
  private static final Pattern QPS = Pattern.compile("Queries per second:\\s+([\\d.]+)");
  private static final Pattern AVG = Pattern.compile("Average Latency \\(s\\):\\s+([\\d.]+)");
  private static final Pattern CODES = Pattern.compile("Response codes:\\s+(.*)");

  static DnsperfRun parse(String output) {
    double[] latencies = output.lines().filter(l -> l.startsWith("> ")).map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .filter(f -> f.matches("\\d+\\.\\d+")).mapToDouble(Double::parseDouble).sorted().toArray();
    return new DnsperfRun(number(SENT, output), number(COMPLETED, output), number(LOST, output),
        decimal(QPS, output), decimal(AVG, output) * 1000, percentile(latencies, 50) * 1000,
        percentile(latencies, 99) * 1000, text(CODES, output));
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }

  private static long number(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static double decimal(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
  }

  private static String text(Pattern p, String s) {
    Matcher m = p.matcher(s);
    return m.find() ? m.group(1).trim() : "";
  }

  /** dnsperf's command line against {@code host:port}. */
  static List<String> command(String host, int port, String queryFile, List<String> load) {
    List<String> cmd = new java.util.ArrayList<>(Arrays.asList("dnsperf", "-s", host, "-p", Integer.toString(port),
        "-d", queryFile));
    cmd.addAll(load);
    return cmd;
  }
}
