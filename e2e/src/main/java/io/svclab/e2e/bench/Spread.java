package io.svclab.e2e.bench;

import java.util.Collection;
import java.util.Locale;

/** Min, median and max of a few measurements (the median of an even count is the mean of the middle two). */
record Spread(int count, double min, double median, double max) {
  static Spread of(Collection<Double> values) {
    double[] v = values.stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) {
      return new Spread(0, Double.NaN, Double.NaN, Double.NaN);
    }
    int mid = v.length / 2;
    double median = v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    return new Spread(v.length, v[0], median, v[v.length - 1]);
  }

  /** "min / median / max" with the given number of decimals. */
  String format(int decimals) {
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " / " + f + " / " + f, min, median, max);
  }
}
