package io.svclab.e2e.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One dnsperf run against one server, with the CPU both sides used over it (utime + stime from
 * /proc: dnsperf's own process, and the server's process tree, NSD's forked servers included),
 * so a reader can see whether the generator or the server was the ceiling.
 */
final class DnsLoad {
  private DnsLoad() {}

  /** A run's figures and the cores each side used over its wall time. */
  record Measured(DnsperfRun run, double generatorCores, double serverCores, double seconds) {}

  static Measured run(String host, int port, Path queries, List<String> load, long serverPid) throws Exception {
    Path out = Files.createTempFile("dnsperf", ".out");
    try {
      long serverBefore = treeTicks(serverPid);
      long reapedBefore = reapedChildTicks();
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(DnsperfRun.command(host, port, queries.toString(), load)).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("dnsperf did not finish");
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      // dnsperf's whole CPU time: once reaped it is added to this JVM's cutime + cstime (no other child runs meanwhile)
      long generatorTicks = reapedChildTicks() - reapedBefore;
      long serverTicks = treeTicks(serverPid) - serverBefore;
      String text = Files.readString(out, StandardCharsets.UTF_8);
      DnsperfRun run = DnsperfRun.parse(text);
      if (run.completed() < 0) {
        throw new IllegalStateException("dnsperf printed no statistics:\n" + text);
      }
      return new Measured(run, generatorTicks / 100.0 / seconds, serverTicks / 100.0 / seconds, seconds);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** cutime + cstime of this JVM: the CPU of its children that have exited and been waited for. */
  static long reapedChildTicks() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[13]) + Long.parseLong(f[14]);
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
  }

  /** utime + stime of a process and every process below it (NSD forks its servers). */
  static long treeTicks(long pid) {
    long sum = BenchProcesses.cpuTicks(pid);
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.filter(d -> d.getFileName().toString().matches("\\d+")).toList()) {
        long child = Long.parseLong(p.getFileName().toString());
        if (parent(child) == pid) {
          sum += treeTicks(child);
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      // a process went away while listing: its ticks are lost, a small undercount
    }
    return sum;
  }

  private static long parent(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
    } catch (java.io.IOException | RuntimeException e) {
      return -1;
    }
  }
}
