package io.svclab.e2e.bench;

import java.util.List;
import java.util.Locale;

/**
 * One node agent's memory at one moment: heap in use after full GCs (the least of several
 * samples, so garbage allocated between a GC and its reading cannot count), and the process's
 * resident and proportional set size.
 */
record AgentMemory(double heapKib, double rssKib, double pssKib) {
  /** Several agents together. */
  static AgentMemory sum(List<AgentMemory> agents) {
    return new AgentMemory(agents.stream().mapToDouble(AgentMemory::heapKib).sum(),
        agents.stream().mapToDouble(AgentMemory::rssKib).sum(), agents.stream().mapToDouble(AgentMemory::pssKib).sum());
  }

  /** (with - without) / pods, per measure; NaN without pods. */
  static AgentMemory perPod(AgentMemory without, AgentMemory with, long pods) {
    if (pods <= 0) {
      return new AgentMemory(Double.NaN, Double.NaN, Double.NaN);
    }
    return new AgentMemory((with.heapKib - without.heapKib) / pods, (with.rssKib - without.rssKib) / pods,
        (with.pssKib - without.pssKib) / pods);
  }

  String format() {
    return String.format(Locale.ROOT, "heap %.0f KiB, RSS %.0f KiB, PSS %.0f KiB", heapKib, rssKib, pssKib);
  }
}
