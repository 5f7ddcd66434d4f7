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

  private static String number(double v) {
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
  }
}
