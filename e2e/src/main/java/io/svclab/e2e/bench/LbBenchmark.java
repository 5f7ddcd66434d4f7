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
 * The same traffic as the proxy benchmark through the LoadBalancer IP of a Service, against
 * HAProxy in front of the same NodePorts on both nodes (so both paths cross a node-proxy).
 */
@Command(name = "lb", description = "cloud-lb against HAProxy: wrk and iperf3", mixinStandardHelpOptions = true)
final class LbBenchmark implements Callable<Integer> {
  @Option(names = "--wrk-seconds", description = "default: ${DEFAULT-VALUE}")
  private int wrkSeconds = 10;
  @Option(names = "--iperf-seconds", description = "default: ${DEFAULT-VALUE}")
  private int iperfSeconds = 5;
  @Option(names = "--rounds", description = "default: ${DEFAULT-VALUE}")
  private int rounds = 2;


  @Override
  public Integer call() throws Exception {
    System.out.printf(Locale.ROOT, "lb benchmark: wrk -t2 -c64 -d%ds and iperf3 -t %d -P 1, direct to the pod / "
        + "HAProxy %s over both NodePorts / svclab LoadBalancer IP (cloud-lb -> NodePorts)%n",
        wrkSeconds, iperfSeconds, ProxyBenchmark.haproxyVersion());
    try (BenchCluster cluster = BenchCluster.start(2, true)) {
      Pod pod = cluster.agnhostPod("bench-web", "bench-web");
      String podIp = pod.getStatus().getPodIp();
      cluster.service("bench-web", "LoadBalancer", "bench-web", 80, 8080);
      Service web = cluster.awaitIngress("bench-web");
      String webIp = web.getStatus().getLoadBalancer().getIngress(0).getIp();
      ProxyBenchmark.awaitAnswer(webIp, 80);

      cluster.service("bench-iperf", "LoadBalancer", null, 5201, 5201);
      cluster.slice("bench-iperf", BenchCluster.SPARE_POD_IP, 5201);
      Service iperf = cluster.awaitIngress("bench-iperf");
      String iperfIp = iperf.getStatus().getLoadBalancer().getIngress(0).getIp();
      Process iperfServer = Iperf3.server(BenchCluster.SPARE_POD_IP, 5201, cluster.dir.resolve("iperf3.log"));
      try {
        ProxyBenchmark.awaitConnect(iperfIp, 5201);
        System.out.printf("LoadBalancer IPs: bench-web %s (NodePort %d), bench-iperf %s (NodePort %d)%n", webIp,
            nodePort(web), iperfIp, nodePort(iperf));
        TrafficComparison compare = new TrafficComparison(cluster.dir, Duration.ofSeconds(wrkSeconds), iperfSeconds, rounds);
        long forwarder = cluster.pid("cloud-lb");
        var web80 = new TrafficComparison.Paths(new InetSocketAddress(podIp, 8080), new InetSocketAddress(webIp, 80),
            nodePorts(web), forwarder);
        List<Figure> figures = List.of(compare.http(web80, "/hostname", false), compare.http(web80, "/hostname", true),
            compare.iperf(new TrafficComparison.Paths(new InetSocketAddress(BenchCluster.SPARE_POD_IP, 5201),
                new InetSocketAddress(iperfIp, 5201), nodePorts(iperf), forwarder)));
        System.out.println();
        System.out.print(Figure.table("svclab-lb", figures));
      } finally {
        BenchProcesses.stop(iperfServer);
      }
      return 0;
    }
  }

  private static int nodePort(Service s) {
    return s.getSpec().getPorts(0).getNodePort();
  }

  private static List<InetSocketAddress> nodePorts(Service s) {
    return List.of(new InetSocketAddress(BenchCluster.nodeIp(1), nodePort(s)),
        new InetSocketAddress(BenchCluster.nodeIp(2), nodePort(s)));
  }
}
