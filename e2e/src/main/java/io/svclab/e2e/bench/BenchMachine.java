package io.svclab.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a reader needs to judge a figure: the machine's cores and how busy it was, printed at the
 * start and the end of every benchmark, beside the command line that produced the figures.
 */
final class BenchMachine {
  private BenchMachine() {}

  static String commandLine(List<String> args) {
    return "./lab bench " + String.join(" ", args);
  }

  /** One line: cores, load average (1/5/15 min) and the moment, from /proc/loadavg. */
  static String line(String when) {
    return String.format(Locale.ROOT, "machine %s: %d cores, load average %s", when,
        Runtime.getRuntime().availableProcessors(), loadAverage());
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }
}
