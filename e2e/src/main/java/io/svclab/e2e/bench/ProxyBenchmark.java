package io.svclab.e2e.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./lab bench proxy}: one node (apiserver, endpoints-controller, node-agent, node-proxy),
 * one agnhost pod. wrk keep-alive and connection-close, and iperf3 to a spare pod address behind
 * a selector-less Service, each direct, through HAProxy and through the ClusterIP; then network
 * programming latency at 1,000 Services: by default first through the whole path (a pod's
 * readiness written to the API, to the first answer from that pod through its ClusterIP,
 * {@link ReadinessProgramming}), then as before from a new Service and the slice the benchmark
 * writes for it (node-proxy alone).
 */
@Command(name = "proxy", description = "node-proxy against HAProxy, and network programming latency", mixinStandardHelpOptions = true)
final class ProxyBenchmark implements Callable<Integer> {
  @Option(names = "--wrk-seconds", description = "default: ${DEFAULT-VALUE}")
  private int wrkSeconds = 10;
  @Option(names = "--iperf-seconds", description = "default: ${DEFAULT-VALUE}")
  private int iperfSeconds = 5;
  @Option(names = "--rounds", description = "default: ${DEFAULT-VALUE}")
  private int rounds = 2;
  @Option(names = "--services", description = "default: ${DEFAULT-VALUE}")
  private int services = 1_000;
  @Option(names = "--services-per-second", description = "default: ${DEFAULT-VALUE}")
  private int servicesPerSecond = 5;
  @Option(names = "--programming-cap-seconds", description = "default: ${DEFAULT-VALUE}")
  private int programmingCapSeconds = 300;
  @Option(names = "--traffic", arity = "1", description = "run the wrk/iperf3 rows (default: ${DEFAULT-VALUE})")
  private boolean traffic = true;
  @Option(names = "--programming", split = ",", defaultValue = "readiness,slice", description = "network programming "
      + "measures, in this order: readiness (full path: a pod's readiness -> endpoints-controller -> slice -> node-proxy), "
      + "slice (a new selector-less Service and the slice the benchmark writes), service (a new Service whose slice the "
      + "endpoints-controller writes); comma-separated (default: ${DEFAULT-VALUE})")
  private List<Programming> programming;

  enum Programming { readiness, slice, service }

  @Override
  public Integer call() throws Exception {
    System.out.printf(Locale.ROOT, "proxy benchmark: wrk -t2 -c64 -d%ds and iperf3 -t %d -P 1, direct / HAProxy %s / "
        + "svclab ClusterIP; then network programming latency for %d Services (%s)%n",
        wrkSeconds, iperfSeconds, haproxyVersion(), services, programming);
    try (BenchCluster cluster = BenchCluster.start(1, false)) {
      Pod pod = cluster.agnhostPod("bench-web", "bench-web");
      String podIp = pod.getStatus().getPodIp();
      Service web = cluster.service("bench-web", "ClusterIP", "bench-web", 80, 8080);
      awaitAnswer(web.getSpec().getClusterIp(), 80);

      if (traffic) traffic(cluster, podIp, web);
      for (Programming p : programming) {
        System.out.println();
        if (p == Programming.readiness) {
          new ReadinessProgramming(cluster, services, servicesPerSecond, Duration.ofSeconds(programmingCapSeconds)).run();
        } else {
          programming(cluster, podIp, p);
        }
      }
      return 0;
    }
  }

  private void traffic(BenchCluster cluster, String podIp, Service web) throws Exception {
    Service iperf = cluster.service("bench-iperf", "ClusterIP", null, 5201, 5201);
    cluster.slice("bench-iperf", BenchCluster.SPARE_POD_IP, 5201);
    Process iperfServer = Iperf3.server(BenchCluster.SPARE_POD_IP, 5201, cluster.dir.resolve("iperf3.log"));
    try {
      awaitConnect(iperf.getSpec().getClusterIp(), 5201);
      TrafficComparison compare = new TrafficComparison(cluster.dir, Duration.ofSeconds(wrkSeconds), iperfSeconds, rounds);
      long forwarder = cluster.pid("node-proxy-1");
      var web80 = new TrafficComparison.Paths(new InetSocketAddress(podIp, 8080),
          new InetSocketAddress(web.getSpec().getClusterIp(), 80), List.of(new InetSocketAddress(podIp, 8080)), forwarder);
      InetSocketAddress spare = new InetSocketAddress(BenchCluster.SPARE_POD_IP, 5201);
      List<Figure> figures = List.of(compare.http(web80, "/hostname", false), compare.http(web80, "/hostname", true),
          compare.iperf(new TrafficComparison.Paths(spare, new InetSocketAddress(iperf.getSpec().getClusterIp(), 5201),
              List.of(spare), forwarder)));
      System.out.println();
      System.out.print(Figure.table("svclab", figures));
      System.out.print(Figure.headroom(figures));
    } finally {
      BenchProcesses.stop(iperfServer);
    }
  }

  /**
   * One Service at a time, at most {@code servicesPerSecond}: each is written and probed until it
   * answers before the next is written (a slow one delays the next, there is no catch-up burst).
   */
  private void programming(BenchCluster cluster, String podIp, Programming mode) throws Exception {
    boolean controller = mode == Programming.service;
    int present = cluster.services.listItems("default", "").size();
    Latencies lat = new Latencies(services);
    Latencies writes = new Latencies(services);
    Latencies afterWrites = new Latencies(services);
    int failed = 0;
    long start = System.nanoTime();
    long cap = start + Duration.ofSeconds(programmingCapSeconds).toNanos();
    long spacing = 1_000_000_000L / servicesPerSecond;
    long next = start;
    int written = 0;
    for (int i = 0; i < services && System.nanoTime() < cap; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      next = Math.max(next + spacing, System.nanoTime());
      String name = "prog-" + mode + "-" + i;
      ProgrammingLatency.Sample sample = ProgrammingLatency.measure(() -> {
        if (controller) return cluster.service(name, "ClusterIP", "bench-web", 80, 8080).getSpec().getClusterIp();
        String ip = cluster.service(name, "ClusterIP", null, 80, 8080).getSpec().getClusterIp();
        cluster.slice(name, podIp, 8080);
        return ip;
      }, 80, Duration.ofSeconds(10));
      written++;
      writes.add(sample.writeNanos());
      if (sample.answerNanos() < 0) failed++;
      else {
        lat.add(sample.answerNanos());
        afterWrites.add(sample.answerNanos() - sample.writeNanos());
      }
    }
    System.out.printf(Locale.ROOT, "network programming (Service write -> %s -> node-proxy -> first HTTP answer on the new "
        + "ClusterIP), %d Services (%d already present), one at a time at <= %d/s: p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
        + "%d not answering within 10 s%s%n", controller ? "endpoints-controller writes the slice"
            : "the benchmark writes the slice (selector-less Service)", written, present, servicesPerSecond, lat.percentileMillis(50),
        lat.percentileMillis(99), lat.percentileMillis(100), failed,
        written < services ? " (stopped at the " + Duration.ofSeconds(programmingCapSeconds).toSeconds() + " s cap)" : "");
    System.out.printf(Locale.ROOT, "goal: p99 %.1f/100 ms = %.2f (<= 1.0 meets it)%n", lat.percentileMillis(99),
        lat.percentileMillis(99) / 100);
    System.out.printf(Locale.ROOT, "  the write%s until the apiserver acknowledged %s (durable, fsync): p50 %.1f ms, p99 %.1f ms%n",
        controller ? "" : "s", controller ? "it" : "both", writes.percentileMillis(50), writes.percentileMillis(99));
    System.out.printf(Locale.ROOT, "  from then to the first answer (watch delivery%s, node-proxy sync, bind, probe): p50 %.1f ms, "
        + "p99 %.1f ms%n", controller ? ", endpoints-controller and its slice write" : "",
        afterWrites.percentileMillis(50), afterWrites.percentileMillis(99));
    String m = cluster.proxyMetrics(1);
    System.out.printf(Locale.ROOT, "node-proxy-1: %.0f syncs, mean sync %.1f ms%n",
        metric(m, "kubeproxy_sync_proxy_rules_duration_seconds_count"),
        1000 * metric(m, "kubeproxy_sync_proxy_rules_duration_seconds_sum")
            / metric(m, "kubeproxy_sync_proxy_rules_duration_seconds_count"));
  }

  /** A label-less sample's value from Prometheus text; NaN when absent. */
  static double metric(String text, String name) {
    return text.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1)))
        .findFirst().orElse(Double.NaN);
  }

  static void awaitAnswer(String ip, int port) throws InterruptedException {
    if (!BenchCluster.awaitTrue(BenchProcesses.START_CEILING, Duration.ofMillis(50), () -> ProgrammingLatency.answers(ip, port))) {
      throw new IllegalStateException(ip + ":" + port + " did not answer HTTP within " + BenchProcesses.START_CEILING.toSeconds() + " s");
    }
  }

  static void awaitConnect(String ip, int port) throws InterruptedException {
    if (!BenchCluster.awaitTrue(BenchProcesses.START_CEILING, Duration.ofMillis(100), () -> {
      try (java.net.Socket s = new java.net.Socket()) {
        s.connect(new InetSocketAddress(ip, port), 500);
        s.setSoTimeout(300);
        // the proxy accepts before it connects onward: only a connection that stays open reached the endpoint
        return s.getInputStream().read() != -1;
      } catch (java.net.SocketTimeoutException e) {
        return true;
      } catch (java.io.IOException e) {
        return false;
      }
    })) {
      throw new IllegalStateException(ip + ":" + port + " did not connect within " + BenchProcesses.START_CEILING.toSeconds() + " s");
    }
  }

  static String haproxyVersion() {
    try {
      Process p = new ProcessBuilder("haproxy", "-v").redirectErrorStream(true).start();
      String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
      p.waitFor();
      return first.replaceAll("^HAProxy version (\\S+).*", "$1");
    } catch (Exception e) {
      return "(version unknown)";
    }
  }
}
