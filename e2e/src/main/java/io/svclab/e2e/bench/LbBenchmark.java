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
 * {@code ./lab bench lb}: two nodes with their node-proxies, cloud-lb, one agnhost pod on node 1.
 * The same traffic as the proxy benchmark through a LoadBalancer IP, against HAProxy, twice:
 * first the balancer alone (Services with {@code allocateLoadBalancerNodePorts: false}: cloud-lb
 * sends straight to the pod endpoints, as HAProxy does, so no node-proxy sets the pace), then
 * through the NodePorts (cloud-lb and HAProxy in front of the same NodePorts on both nodes).
 */
@Command(name = "lb", description = "cloud-lb against HAProxy: wrk and iperf3", mixinStandardHelpOptions = true)
final class LbBenchmark implements Callable<Integer> {
  @Option(names = "--wrk-seconds", description = "default: ${DEFAULT-VALUE}")
  private int wrkSeconds = 10;
  @Option(names = "--iperf-seconds", description = "default: ${DEFAULT-VALUE}")
  private int iperfSeconds = 5;
  @Option(names = "--rounds", description = "default: ${DEFAULT-VALUE}")
  private int rounds = 2;
  @Option(names = "--targets", split = ",", defaultValue = "pods,nodeports", description = "which tables, in this order: "
      + "pods (the balancer alone, straight to the pod endpoints), nodeports (through both nodes' NodePorts); "
      + "comma-separated (default: ${DEFAULT-VALUE})")
  private List<Targets> targets;

  enum Targets { pods, nodeports }

  @Override
  public Integer call() throws Exception {
    System.out.printf(Locale.ROOT, "lb benchmark: wrk -t2 -c64 -d%ds and iperf3 -t %d -P 1, direct to the pod / "
        + "HAProxy %s / svclab LoadBalancer IP (cloud-lb); tables %s%n",
        wrkSeconds, iperfSeconds, ProxyBenchmark.haproxyVersion(), targets);
    try (BenchCluster cluster = BenchCluster.start(2, true)) {
      Pod pod = cluster.agnhostPod("bench-web", "bench-web");
      InetSocketAddress podWeb = new InetSocketAddress(pod.getStatus().getPodIp(), 8080);
      InetSocketAddress podIperf = new InetSocketAddress(BenchCluster.SPARE_POD_IP, 5201);
      Process iperfServer = Iperf3.server(BenchCluster.SPARE_POD_IP, 5201, cluster.dir.resolve("iperf3.log"));
      try {
        TrafficComparison compare = new TrafficComparison(cluster.dir, Duration.ofSeconds(wrkSeconds), iperfSeconds, rounds);
        long forwarder = cluster.pid("cloud-lb");
        for (Targets t : targets) {
          boolean toPods = t == Targets.pods;
          String suffix = toPods ? "-pods" : "";
          if (toPods) {
            cluster.loadBalancerToPods("bench-web" + suffix, "bench-web", 80, 8080);
            cluster.loadBalancerToPods("bench-iperf" + suffix, null, 5201, 5201);
          } else {
            cluster.service("bench-web", "LoadBalancer", "bench-web", 80, 8080);
            cluster.service("bench-iperf", "LoadBalancer", null, 5201, 5201);
          }
          cluster.slice("bench-iperf" + suffix, BenchCluster.SPARE_POD_IP, 5201);
          Service web = cluster.awaitIngress("bench-web" + suffix);
          Service iperf = cluster.awaitIngress("bench-iperf" + suffix);
          String webIp = ingressIp(web);
          String iperfIp = ingressIp(iperf);
          ProxyBenchmark.awaitAnswer(webIp, 80);
          ProxyBenchmark.awaitConnect(iperfIp, 5201);
          List<InetSocketAddress> webBackends = toPods ? List.of(podWeb) : nodePorts(web);
          List<InetSocketAddress> iperfBackends = toPods ? List.of(podIperf) : nodePorts(iperf);
          System.out.println();
          System.out.printf("%s: LoadBalancer IPs bench-web%s %s -> %s, bench-iperf%s %s -> %s (HAProxy's backends the same)%n",
              toPods ? "the balancer alone (allocateLoadBalancerNodePorts: false, pod endpoints as targets)"
                  : "through the NodePorts (both paths cross a node-proxy)", suffix, webIp, webBackends, suffix, iperfIp,
              iperfBackends);
          var web80 = new TrafficComparison.Paths(podWeb, new InetSocketAddress(webIp, 80), webBackends, forwarder);
          List<Figure> figures = List.of(compare.http(web80, "/hostname", false), compare.http(web80, "/hostname", true),
              compare.iperf(new TrafficComparison.Paths(podIperf, new InetSocketAddress(iperfIp, 5201), iperfBackends,
                  forwarder)));
          System.out.println();
          System.out.println(toPods ? "the balancer alone, straight to the pod endpoints:" : "through both nodes' NodePorts:");
          System.out.print(Figure.table(toPods ? "svclab-lb" : "svclab-lb-np", figures));
          System.out.print(Figure.headroom(figures));
        }
      } finally {
        BenchProcesses.stop(iperfServer);
      }
      return 0;
    }
  }

  private static String ingressIp(Service s) {
    return s.getStatus().getLoadBalancer().getIngress(0).getIp();
  }

  private static List<InetSocketAddress> nodePorts(Service s) {
    int nodePort = s.getSpec().getPorts(0).getNodePort();
    return List.of(new InetSocketAddress(BenchCluster.nodeIp(1), nodePort),
        new InetSocketAddress(BenchCluster.nodeIp(2), nodePort));
  }
}
