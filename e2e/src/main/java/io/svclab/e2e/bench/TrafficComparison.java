package io.svclab.e2e.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The same traffic three ways: straight to the backend, through HAProxy (started for the
 * comparison with the given backends, then stopped), and through svclab. Each path gets the
 * same short warm-up first (JIT, caches) so no path is measured cold. On a shared machine the
 * background load drifts, so the paths are measured in {@code rounds} interleaved rounds (order
 * reversed every other round) and each figure is the mean; the forwarding process's CPU time
 * per run is printed too, a figure the background load disturbs less than throughput.
 */
final class TrafficComparison {
  /** HAProxy's own listening address, outside every range the lab uses. */
  static final String HAPROXY_IP = "127.0.9.1";
  static final Duration WARM_UP = Duration.ofSeconds(3);
  private static final String[] NAMES = {"direct", "haproxy", "svclab"};

  /**
   * Where one kind of traffic goes on each path; HAProxy spreads over {@code haproxyBackends}.
   *
   * @param svclabPid the svclab process that forwards on the svclab path (its CPU is reported)
   */
  record Paths(InetSocketAddress direct, InetSocketAddress svclab, List<InetSocketAddress> haproxyBackends, long svclabPid) {}

  private final Path dir;
  private final Duration wrkDuration;
  private final int iperfSeconds;
  private final int rounds;
  private final InetSocketAddress haproxyListen;
  private boolean backendWarm;

  TrafficComparison(Path dir, Duration wrkDuration, int iperfSeconds, int rounds) throws IOException {
    this.dir = dir;
    this.wrkDuration = wrkDuration;
    this.iperfSeconds = iperfSeconds;
    this.rounds = rounds;
    this.haproxyListen = new InetSocketAddress(HAPROXY_IP, BenchProcesses.freePort());
  }

  /** {@code wrk -t2 -c64} on {@code path}: requests/s with keep-alive, or with {@code Connection: close}. */
  Figure http(Paths paths, String path, boolean connectionClose) throws Exception {
    Wrk.Load load = new Wrk.Load(2, 64, wrkDuration, connectionClose);
    String what = connectionClose ? "HTTP connection-close" : "HTTP keep-alive";
    warmBackend("http://" + paths.direct().getHostString() + ":" + paths.direct().getPort() + path);
    return compare(paths, what, "req/s", (i, to) -> {
      String url = "http://" + to.getHostString() + ":" + to.getPort() + path;
      if (!connectionClose) Wrk.run(new Wrk.Load(2, 64, WARM_UP, false), url);
      Wrk.Result r = Wrk.run(load, url);
      return new double[] {r.requestsPerSecond(), r.errors()};
    });
  }

  /**
   * The backend (a JVM) is warmed once, straight, before anything is measured: otherwise the
   * paths measured first in round 1 meet a cold backend and the ones measured last a warm one.
   */
  private void warmBackend(String url) throws Exception {
    if (backendWarm) return;
    backendWarm = true;
    Wrk.Result keepAlive = Wrk.run(new Wrk.Load(2, 64, WARM_UP.multipliedBy(2), false), url);
    Wrk.Result close = Wrk.run(new Wrk.Load(2, 64, WARM_UP, true), url);
    System.out.printf(Locale.ROOT, "  backend warm-up (direct, not measured): keep-alive %.0f req/s, connection-close %.0f req/s%n",
        keepAlive.requestsPerSecond(), close.requestsPerSecond());
  }

  /** {@code iperf3 -c -P 1} per path: received Gbit/s. */
  Figure iperf(Paths paths) throws Exception {
    return compare(paths, "iperf3 1 stream", "Gbit/s",
        (i, to) -> new double[] {Iperf3.gbits(to.getHostString(), to.getPort(), iperfSeconds), 0});
  }

  private interface Measure {
    /** {figure, errors} */
    double[] run(int path, InetSocketAddress to) throws Exception;
  }

  private Figure compare(Paths paths, String what, String unit, Measure measure) throws Exception {
    double[] sum = new double[3];
    try (HaproxyProcess haproxy = HaproxyProcess.start(haproxyListen, paths.haproxyBackends(), dir)) {
      List<InetSocketAddress> to = List.of(paths.direct(), haproxyListen, paths.svclab());
      long[] pids = {-1, haproxy.pid(), paths.svclabPid()};
      for (int round = 0; round < rounds; round++) {
        for (int k = 0; k < 3; k++) {
          int i = round % 2 == 0 ? k : 2 - k;
          long cpuBefore = pids[i] < 0 ? 0 : BenchProcesses.cpuTicks(pids[i]);
          long start = System.nanoTime();
          double[] r = measure.run(i, to.get(i));
          double seconds = (System.nanoTime() - start) / 1e9;
          sum[i] += r[0];
          String cpu = pids[i] < 0 ? "" : String.format(Locale.ROOT, ", forwarder CPU %.0f%% of one core",
              (BenchProcesses.cpuTicks(pids[i]) - cpuBefore) / 100.0 / seconds * 100);
          System.out.printf(Locale.ROOT, "  %s via %-7s %s:%d round %d: %.2f %s (%.0f errors%s)%n", what, NAMES[i],
              to.get(i).getHostString(), to.get(i).getPort(), round + 1, r[0], unit, r[1], cpu);
        }
      }
    }
    return new Figure(what, unit, sum[0] / rounds, sum[1] / rounds, sum[2] / rounds);
  }
}
