package io.svclab.e2e.bench;

import java.util.List;
import java.util.Locale;

/** One measure on the three paths (higher is better), and svclab's ratio to HAProxy. */
record Figure(String measure, String unit, double direct, double haproxy, double svclab) {
  double ratio() {
    return svclab / haproxy;
  }

  /** The comparison table: one row per measure, ratios against the 1.0 goal. */
  static String table(String svclabPath, List<Figure> figures) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-28s %12s %12s %12s %8s  %s%n",
        "measure", "direct", "haproxy", svclabPath, "ratio", "goal"));
    for (Figure f : figures) {
      b.append(String.format(Locale.ROOT, "%-28s %12s %12s %12s %8.2f  %s%n", f.measure() + " (" + f.unit() + ")",
          number(f.direct()), number(f.haproxy()), number(f.svclab()), f.ratio(),
          f.ratio() >= 1.0 ? ">= 1.0 met" : ">= 1.0 missed"));
    }
    return b.toString();
  }

  /**
   * Whether the load generator set the pace: the direct path is the generator (and the backend)
   * with no forwarder, so its figure against the faster forwarded path is the generator's headroom.
   */
  static String headroom(List<Figure> figures) {
    StringBuilder b = new StringBuilder("load generator (the direct column: wrk -t2 -c64 / iperf3 -P 1 with no forwarder):");
    boolean ceiling = false;
    for (Figure f : figures) {
      double x = f.direct() / Math.max(f.haproxy(), f.svclab());
      ceiling |= x < 1.2;
      b.append(String.format(Locale.ROOT, " %s %s %s = %.2fx the faster forwarded path;", f.measure(), number(f.direct()),
          f.unit(), x));
    }
    b.setLength(b.length() - 1);
    b.append(ceiling ? "\n  some direct figure is within 20% of a forwarded one: the generator may be the ceiling there\n"
        : "\n  every direct figure is >= 1.2x the forwarded ones: the generator is not the ceiling of these rows\n");
    return b.toString();
  }

  private static String number(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
