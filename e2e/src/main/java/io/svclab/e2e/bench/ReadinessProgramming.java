package io.svclab.e2e.bench;

import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;

/**
 * Network programming latency through the whole path, as Kubernetes' SLI reads it: from a
 * pod's readiness written to the API to the first answer from that pod through its Service's
 * ClusterIP. The benchmark plays the kubelet of a node without a node-agent ({@value #NODE}):
 * it writes its pods' status itself, and every pod IP lands on one {@link EndpointServer}, which
 * answers with the address it was reached on.
 *
 * <p>Setup: N Services, each selecting one such pod, written Running but not Ready; the
 * endpoints-controller puts each pod in its Service's slice (not ready) and node-proxy listens
 * on every ClusterIP (resetting connections: no usable endpoint). Then, one Service at a time,
 * the pod is written Ready and three moments are taken, each from the start of that write:
 * (1) the apiserver acknowledged it (durable), (2) the endpoints-controller's slice update with
 * the endpoint ready arrived on the benchmark's own watch, (3) the first answer from that pod
 * through the ClusterIP (probed every millisecond; an answer from anywhere else does not count).
 */
final class ReadinessProgramming {
  static final String NODE = "bench-kubelet";
  private static final String POD_PREFIX = "127.246.";

  /** Nanoseconds from the start of the readiness write; -1: not seen within the bound. */
  record Sample(long ack, long slice, long answer) {}

  private final BenchCluster cluster;
  private final int services;
  private final int perSecond;
  private final Duration cap;

  ReadinessProgramming(BenchCluster cluster, int services, int perSecond, Duration cap) {
    this.cluster = cluster;
    this.services = services;
    this.perSecond = perSecond;
    this.cap = cap;
  }

  /** The pods' addresses: 127.246.1.1 upwards, 250 per /24, clear of every range the lab uses. */
  static String podIp(int i) {
    return POD_PREFIX + (1 + i / 250) + "." + (1 + i % 250);
  }

  void run() throws Exception {
    try (EndpointServer endpoints = EndpointServer.start(BenchProcesses.freePort())) {
      long setupStart = System.nanoTime();
      new ResourceClient<Node>(cluster.channel(), ResourceKinds.NODES, 30_000)
          .create(Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(NODE)).build());
      String[] clusterIps = new String[services];
      Pod[] pods = new Pod[services];
      SetupWrites.parallel(services, 8, i -> {
        String name = "ready-" + i;
        clusterIps[i] = cluster.service(name, "ClusterIP", name, 80, endpoints.port()).getSpec().getClusterIp();
        Pod created = cluster.pods.create(Pod.newBuilder()
            .setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").putLabels("app", name))
            .setSpec(PodSpec.newBuilder().setNodeName(NODE)
                .addContainers(Container.newBuilder().setName("c").setImage(BenchCluster.AGNHOST)))
            .build());
        pods[i] = cluster.pods.updateStatus(created.toBuilder().setStatus(status(podIp(i), false)).build());
      });
      awaitSlices();
      awaitListeners();
      System.out.printf(Locale.ROOT, "readiness setup: %d Services, each selecting one pod (not Ready) on node %s, "
          + "in slices and listened on by node-proxy after %.1f s%n", services, NODE, (System.nanoTime() - setupStart) / 1e9);

      Map<String, Long> readySeen = new ConcurrentHashMap<>();
      var watch = watchReadyEndpoints(readySeen);
      try {
        Thread.sleep(1000);
        String before = cluster.proxyMetrics(1);
        List<Sample> samples = measure(pods, clusterIps, readySeen);
        report(samples, before, cluster.proxyMetrics(1));
      } finally {
        watch.cancel("done", null);
      }
    }
  }

  private List<Sample> measure(Pod[] pods, String[] clusterIps, Map<String, Long> readySeen) throws InterruptedException {
    List<Sample> samples = new ArrayList<>(services);
    long start = System.nanoTime();
    long capAt = start + cap.toNanos();
    long spacing = 1_000_000_000L / perSecond;
    long next = start;
    for (int i = 0; i < services && System.nanoTime() < capAt; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      next = Math.max(next + spacing, System.nanoTime());
      String ip = podIp(i);
      Pod ready = pods[i].toBuilder().setStatus(status(ip, true)).build();
      long t0 = System.nanoTime();
      cluster.pods.updateStatus(ready);
      long ack = System.nanoTime() - t0;
      long answeredAt = ProgrammingLatency.awaitAnswerFrom(clusterIps[i], 80, ip, t0 + Duration.ofSeconds(10).toNanos());
      // the benchmark's watch may trail node-proxy's by a little: wait for it, bounded
      BenchCluster.awaitTrue(Duration.ofSeconds(1), Duration.ofMillis(1), () -> readySeen.containsKey(ip));
      Long sliceAt = readySeen.get(ip);
      samples.add(new Sample(ack, sliceAt == null ? -1 : sliceAt - t0, answeredAt < 0 ? -1 : answeredAt - t0));
    }
    return samples;
  }

  private void report(List<Sample> samples, String metricsBefore, String metricsAfter) {
    List<Sample> answered = samples.stream().filter(s -> s.answer() >= 0).toList();
    List<Sample> complete = answered.stream().filter(s -> s.slice() >= 0).toList();
    Latencies endToEnd = latencies(answered, Sample::answer);
    System.out.printf(Locale.ROOT, "network programming, full path (pod readiness written -> endpoints-controller -> "
        + "EndpointSlice -> node-proxy -> first answer from that pod through its ClusterIP), %d Services with one pod "
        + "each, one change at a time at <= %d/s:%n", services, perSecond);
    System.out.printf(Locale.ROOT, "  end to end: p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d changes; %d not answering "
        + "within 10 s%s%n", endToEnd.percentileMillis(50), endToEnd.percentileMillis(99), endToEnd.percentileMillis(100),
        samples.size(), samples.size() - answered.size(),
        samples.size() < services ? " (stopped at the " + cap.toSeconds() + " s cap)" : "");
    System.out.printf(Locale.ROOT, "  goal: p99 %.1f/100 ms = %.2f (<= 1.0 meets it)%n", endToEnd.percentileMillis(99),
        endToEnd.percentileMillis(99) / 100);
    System.out.println("  stages, each from the readiness write (p50 / p99), and the step from the stage before:");
    stage("1 readiness write acknowledged (durable)", latencies(samples, Sample::ack), null);
    stage("2 controller's slice write seen on a watch", latencies(complete, Sample::slice),
        latencies(complete, s -> s.slice() - s.ack()));
    stage("3 node-proxy serving (first answer)", latencies(complete, Sample::answer),
        latencies(complete, s -> s.answer() - s.slice()));
    int slowest = Math.max(1, complete.size() / 100);
    List<Sample> tail = complete.stream().sorted(Comparator.comparingLong(Sample::answer).reversed()).limit(slowest).toList();
    System.out.printf(Locale.ROOT, "  the slowest %d changes (end to end >= %.1f ms), mean: write ack %.1f ms, ack -> slice "
        + "seen %.1f ms, slice seen -> answer %.1f ms%n", tail.size(),
        tail.isEmpty() ? Double.NaN : tail.get(tail.size() - 1).answer() / 1e6, mean(tail, Sample::ack),
        mean(tail, s -> s.slice() - s.ack()), mean(tail, s -> s.answer() - s.slice()));
    if (complete.size() < answered.size()) {
      System.out.printf("  (%d answered changes whose slice update the benchmark's watch missed are left out of the stages)%n",
          answered.size() - complete.size());
    }
    double syncs = delta(metricsBefore, metricsAfter, "kubeproxy_sync_proxy_rules_duration_seconds_count");
    double programmed = delta(metricsBefore, metricsAfter, "kubeproxy_network_programming_duration_seconds_count");
    System.out.printf(Locale.ROOT, "node-proxy-1 during the changes: %.0f syncs, mean sync %.1f ms; its own network "
        + "programming metric (slice trigger time = the readiness write -> sync applied): mean %.1f ms over %.0f%n", syncs,
        1000 * delta(metricsBefore, metricsAfter, "kubeproxy_sync_proxy_rules_duration_seconds_sum") / syncs,
        1000 * delta(metricsBefore, metricsAfter, "kubeproxy_network_programming_duration_seconds_sum") / programmed,
        programmed);
  }

  private static double delta(String before, String after, String metric) {
    return ProxyBenchmark.metric(after, metric) - ProxyBenchmark.metric(before, metric);
  }

  private static void stage(String what, Latencies total, Latencies step) {
    System.out.printf(Locale.ROOT, "    %-44s %7.1f / %7.1f ms%s%n", what, total.percentileMillis(50), total.percentileMillis(99),
        step == null ? "" : String.format(Locale.ROOT, "   step %6.1f / %6.1f ms", step.percentileMillis(50),
            step.percentileMillis(99)));
  }

  private static Latencies latencies(List<Sample> samples, ToLongFunction<Sample> value) {
    Latencies l = new Latencies(Math.max(1, samples.size()));
    samples.forEach(s -> l.add(value.applyAsLong(s)));
    return l;
  }

  private static double mean(List<Sample> samples, ToLongFunction<Sample> value) {
    return samples.stream().mapToLong(value).average().orElse(Double.NaN) / 1e6;
  }

  /** A kubelet's status for a running pod, Ready or not, the condition dated now (the slice's trigger time). */
  private static PodStatus status(String ip, boolean ready) {
    long now = System.currentTimeMillis();
    return PodStatus.newBuilder().setPhase("Running").setPodIp(ip).addPodIps(PodIP.newBuilder().setIp(ip))
        .addConditions(PodCondition.newBuilder().setType("Ready").setStatus(ready ? "True" : "False")
            .setLastTransitionTime(Timestamp.newBuilder().setSeconds(now / 1000).setNanos((int) (now % 1000) * 1_000_000)))
        .build();
  }

  /** Every ready endpoint of ours on a slice event: when the benchmark first saw it (nanoTime). */
  private io.grpc.ClientCall<WatchRequest, Message> watchReadyEndpoints(Map<String, Long> seen) {
    ResourceClient<EndpointSlice> slices = cluster.slices;
    String rv = slices.kind().listMeta(slices.list(ListRequest.newBuilder().setLimit(1).build())).getResourceVersion();
    return slices.watch(WatchRequest.newBuilder().setResourceVersion(rv).build(), new StreamObserver<>() {
      @Override
      public void onNext(Message m) {
        long now = System.nanoTime();
        if (slices.kind().watchEventType(m) == EventType.BOOKMARK) return;
        for (var e : slices.kind().watchEventObject(m).getEndpointsList()) {
          if (e.getConditions().getReady() && e.getAddressesCount() > 0 && e.getAddresses(0).startsWith(POD_PREFIX)) {
            seen.putIfAbsent(e.getAddresses(0), now);
          }
        }
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    });
  }

  /** Every pod is an endpoint (not ready) of its Service's slice (bounded: 5 min). */
  private void awaitSlices() throws InterruptedException {
    if (!BenchCluster.awaitTrue(Duration.ofMinutes(5), Duration.ofMillis(500), () -> cluster.slices.listItems("default", "")
        .stream().flatMap(s -> s.getEndpointsList().stream())
        .filter(e -> e.getAddressesCount() > 0 && e.getAddresses(0).startsWith(POD_PREFIX)).count() >= services)) {
      throw new IllegalStateException("the endpoints-controller did not slice " + services + " pods within 5 minutes");
    }
  }

  /** node-proxy listens on every ClusterIP (bounded: 2 min). */
  private void awaitListeners() throws InterruptedException {
    if (!BenchCluster.awaitTrue(Duration.ofMinutes(2), Duration.ofMillis(500), () -> {
      try {
        return ProxyBenchmark.metric(cluster.proxyMetrics(1), "svclab_proxy_listeners{protocol=\"TCP\"}") >= services;
      } catch (Exception e) {
        return false;
      }
    })) {
      throw new IllegalStateException("node-proxy-1 did not listen on " + services + " ClusterIPs within 2 minutes");
    }
  }

}
