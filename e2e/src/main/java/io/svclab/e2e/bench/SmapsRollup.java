package io.svclab.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident and proportional set size from {@code /proc/PID/smaps_rollup}, in KiB:
 * what the process really holds in memory, which (unlike heap used) garbage does not inflate.
 */
record SmapsRollup(long rssKib, long pssKib) {
  static SmapsRollup of(long pid) throws IOException {
    return parse(Files.readString(Path.of("/proc/" + pid + "/smaps_rollup")));
  }

  /** Reads the {@code Rss:} and {@code Pss:} lines (kB); either missing is an error. */
  static SmapsRollup parse(String text) {
    long rss = -1;
    long pss = -1;
    for (String line : text.split("\n")) {
      String[] f = line.trim().split("\\s+");
      if (f.length >= 2 && f[0].equals("Rss:")) {
        rss = Long.parseLong(f[1]);
      } else if (f.length >= 2 && f[0].equals("Pss:")) {
        pss = Long.parseLong(f[1]);
      }
    }
    if (rss < 0 || pss < 0) {
      throw new IllegalArgumentException("no Rss:/Pss: lines in smaps_rollup: " + text.lines().limit(3).toList());
    }
    return new SmapsRollup(rss, pss);
  }
}
