package io.svclab.e2e.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The same traffic three ways: straight to the backend, through HAProxy (started for the
 * measure with the given backends, then stopped), and through svclab. Each path gets the same
 * short warm-up first (JIT, connection pools) so no path is measured cold.
 */
final class TrafficComparison {
  /** HAProxy's own listening address, outside every range the lab uses. */
  static final String HAPROXY_IP = "127.0.9.1";
  static final Duration WARM_UP = Duration.ofSeconds(3);

  /** Where one kind of traffic goes on each path; HAProxy spreads over {@code haproxyBackends}. */
  record Paths(InetSocketAddress direct, InetSocketAddress svclab, List<InetSocketAddress> haproxyBackends) {}

  private final Path dir;
  private final Duration wrkDuration;
  private final int iperfSeconds;
  private final InetSocketAddress haproxyListen;

  TrafficComparison(Path dir, Duration wrkDuration, int iperfSeconds) throws IOException {
    this.dir = dir;
    this.haproxyListen = new InetSocketAddress(HAPROXY_IP, BenchProcesses.freePort());
    this.wrkDuration = wrkDuration;
    this.iperfSeconds = iperfSeconds;
  }

  /** {@code wrk -t2 -c64} on {@code path}: keep-alive requests/s, and connection-close if asked. */
  List<Figure> http(Paths paths, String path, boolean connectionClose) throws Exception {
    Wrk.Load keepAlive = new Wrk.Load(2, 64, wrkDuration, false);
    Wrk.Load close = new Wrk.Load(2, 64, wrkDuration, true);
    Wrk.Load warm = new Wrk.Load(2, 64, WARM_UP, false);
    double[] ka = new double[3];
    double[] cl = new double[3];
    try (HaproxyProcess haproxy = HaproxyProcess.start(haproxyListen(), paths.haproxyBackends(), dir)) {
      List<String> urls = List.of(url(paths.direct(), path), url(haproxyListen(), path), url(paths.svclab(), path));
      for (int i = 0; i < 3; i++) {
        Wrk.run(warm, urls.get(i));
        ka[i] = measured(keepAlive, urls.get(i));
        if (connectionClose) cl[i] = measured(close, urls.get(i));
      }
    }
    List<Figure> figures = new ArrayList<>();
    figures.add(new Figure("HTTP keep-alive", "req/s", ka[0], ka[1], ka[2]));
    if (connectionClose) figures.add(new Figure("HTTP connection-close", "req/s", cl[0], cl[1], cl[2]));
    return figures;
  }

  /** One {@code iperf3 -c -P 1} per path: received Gbit/s. */
  Figure iperf(Paths paths) throws Exception {
    double[] g = new double[3];
    try (HaproxyProcess haproxy = HaproxyProcess.start(haproxyListen(), paths.haproxyBackends(), dir)) {
      List<InetSocketAddress> to = List.of(paths.direct(), haproxyListen(), paths.svclab());
      for (int i = 0; i < 3; i++) {
        g[i] = Iperf3.gbits(to.get(i).getHostString(), to.get(i).getPort(), iperfSeconds);
        System.out.printf("  iperf3 %s:%d: %.2f Gbit/s%n", to.get(i).getHostString(), to.get(i).getPort(), g[i]);
      }
    }
    return new Figure("iperf3 1 stream", "Gbit/s", g[0], g[1], g[2]);
  }

  private double measured(Wrk.Load load, String url) throws Exception {
    Wrk.Result r = Wrk.run(load, url);
    System.out.printf("  wrk%s %s: %.0f req/s (%d requests, %d errors)%n",
        load.connectionClose() ? " (Connection: close)" : "", url, r.requestsPerSecond(), r.requests(), r.errors());
    return r.requestsPerSecond();
  }

  private InetSocketAddress haproxyListen() {
    return haproxyListen;
  }

  private static String url(InetSocketAddress a, String path) {
    return "http://" + a.getHostString() + ":" + a.getPort() + path;
  }
}
