package io.svclab.e2e.bench;

import io.svclab.client.kube.Readiness;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.WatchRequest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./lab bench pods}: nginx pods over two node agents (the scheduler binds them); prints the
 * time until all are Ready, each pod's startup latency (from just before its Create was sent to
 * the watch event that shows it Ready: the Kubernetes pod startup SLO's "observed via watch",
 * p50/p99), and each agent's memory with 0 pods and with them Running, each measured the same
 * way: heap after full GCs (jcmd GC.run, the least of three samples) and the resident and
 * proportional set size from /proc/PID/smaps_rollup. Per pod = (with - without) / pods. Ready is
 * read off one watch, not by listing every pod: a list of 1,000 pods four times a second was a
 * third of the apiserver's CPU samples during the run (JFR, issue 20).
 */
@Command(name = "pods", description = "pods to Ready over two node agents, and node-agent memory per Running pod",
    mixinStandardHelpOptions = true)
final class PodsBenchmark implements Callable<Integer> {
  @Option(names = "--pods", description = "default: ${DEFAULT-VALUE}")
  private int pods = 1_000;
  @Option(names = "--ready-timeout", description = "seconds to wait for all pods Ready (default: ${DEFAULT-VALUE})")
  private int readyTimeoutSeconds = 180;

  /** Issue 20's goals: all pods Ready within 10 s, and the Kubernetes pod startup SLO (p99 <= 5 s). */
  static final double READY_GOAL_SECONDS = 10;
  static final double STARTUP_P99_GOAL_SECONDS = 5;
  static final double MEMORY_GOAL_KIB = 2048;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("svclab-bench-pods");
    int port = BenchProcesses.freePort();
    List<Process> procs = new ArrayList<>();
    ManagedChannel channel = null;
    try {
      procs.add(BenchProcesses.apiserver(dir, port, List.of(), dir.resolve("apiserver.log")));
      String target = "127.0.0.1:" + port;
      int workloadAdmin = BenchProcesses.freePort();
      Process workload = BenchProcesses.java("workload-controller", "io.svclab.workload.WorkloadControllerMain",
          List.of("--api", target, "--admin-port", Integer.toString(workloadAdmin)), dir.resolve("workload.log"));
      procs.add(workload);
      BenchProcesses.awaitOk(workload, "http://127.0.0.1:" + workloadAdmin + "/readyz");
      List<Process> agents = new ArrayList<>();
      List<String> adminUrls = new ArrayList<>();
      int adminPort = BenchProcesses.freePort();
      for (int n = 1; n <= 2; n++) {
        String ip = "127.0.10." + (200 + n);
        Process agent = BenchProcesses.java("node-agent-" + n, "io.svclab.node.NodeAgentMain", List.of("--api", target,
            "--node-name", "bench-node-" + n, "--node-ip", ip, "--pod-cidr", "127.245." + (n * 4) + ".0/22",
            "--admin-port", Integer.toString(adminPort), "--data", dir.resolve("node-" + n).toString(),
            "--max-pods", Integer.toString(pods)), dir.resolve("node-agent-" + n + ".log"));
        procs.add(agent);
        agents.add(agent);
        adminUrls.add("http://" + ip + ":" + adminPort + "/metrics");
      }
      channel = ApiChannels.forTarget(target);
      ResourceClient<Pod> client = new ResourceClient<>(channel, ResourceKinds.PODS, 30_000);
      ResourceClient<Node> nodes = new ResourceClient<>(channel, ResourceKinds.NODES, 30_000);
      awaitNodesReady(nodes, 2, agents);
      for (int n = 1; n <= 2; n++) {  // an agent opens its admin endpoint after it has registered its Node
        BenchProcesses.awaitPort("127.0.10." + (200 + n), adminPort, agents.get(n - 1), "node-agent-" + n + " admin");
      }
      Thread.sleep(2000);  // let start-up work (first heartbeats, informer lists) finish before the baseline
      List<AgentMemory> without = new ArrayList<>();
      for (int n = 0; n < 2; n++) {
        without.add(measure(agents.get(n), adminUrls.get(n)));
        System.out.printf("node-agent-%d with 0 pods: %s%n", n + 1, without.get(n).format());
      }
      System.out.printf("pods benchmark: %d nginx pods over 2 node agents%n", pods);
      Map<String, Long> sentAt = new ConcurrentHashMap<>();
      Map<String, Pod> readyPods = new ConcurrentHashMap<>();
      Latencies startup = new Latencies(pods);
      String rv = client.kind().listMeta(client.list(ListRequest.newBuilder().setLimit(1).build())).getResourceVersion();
      var watch = client.watch(WatchRequest.newBuilder().setNamespace("default").setLabelSelector("app=bench")
          .setResourceVersion(rv).build(), new StreamObserver<>() {
            @Override
            public void onNext(Message m) {
              long now = System.nanoTime();
              if (client.kind().watchEventType(m) == EventType.BOOKMARK) {
                return;
              }
              Pod p = client.kind().watchEventObject(m);
              Long sent = sentAt.get(p.getMetadata().getName());
              if (sent != null && isReady(p) && readyPods.putIfAbsent(p.getMetadata().getName(), p) == null) {
                startup.add(now - sent);
              }
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onCompleted() {}
          });
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < 8; t++) {
        pool.execute(() -> {
          int i;
          while ((i = next.getAndIncrement()) < pods) {
            sentAt.put("bench-" + i, System.nanoTime());
            client.create(Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("bench-" + i).putLabels("app", "bench"))
                .setSpec(PodSpec.newBuilder().addContainers(Container.newBuilder().setName("nginx").setImage("nginx:1.25")
                    .addPorts(ContainerPort.newBuilder().setContainerPort(80)))).build());
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
      double created = (System.nanoTime() - start) / 1e9;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(readyTimeoutSeconds);
      while (readyPods.size() < pods && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      double allReady = (System.nanoTime() - start) / 1e9;
      watch.cancel("measured", null);
      List<Pod> ready = client.listItems("default", "app=bench").stream().filter(PodsBenchmark::isReady).toList();
      System.out.printf("created %d pods in %.1f s; %d Ready after %.1f s (goal: all %d within %.0f s: %s)%n",
          pods, created, ready.size(), allReady, pods, READY_GOAL_SECONDS,
          ready.size() >= pods && allReady <= READY_GOAL_SECONDS ? "met" : "missed");
      double p99 = startup.percentileMillis(99) / 1000;
      System.out.printf("pod startup latency, Create sent to Ready seen by a watch, %d pods: p50 %.2f s, p90 %.2f s, "
          + "p99 %.2f s, max %.2f s (goal: p99 <= %.0f s: %s)%n", startup.count(), startup.percentileMillis(50) / 1000,
          startup.percentileMillis(90) / 1000, p99, startup.percentileMillis(100) / 1000, STARTUP_P99_GOAL_SECONDS,
          startup.count() >= pods && p99 <= STARTUP_P99_GOAL_SECONDS ? "met" : "missed");

      Thread.sleep(2000);  // status writes settle
      List<AgentMemory> with = new ArrayList<>();
      for (int n = 0; n < 2; n++) {
        String node = "bench-node-" + (n + 1);
        long onNode = ready.stream().filter(p -> p.getSpec().getNodeName().equals(node)).count();
        with.add(measure(agents.get(n), adminUrls.get(n)));
        System.out.printf("node-agent-%d with %d Running pods: %s; per pod: %s%n", n + 1, onNode, with.get(n).format(),
            AgentMemory.perPod(without.get(n), with.get(n), onNode).format());
      }
      AgentMemory perPod = AgentMemory.perPod(AgentMemory.sum(without), AgentMemory.sum(with), ready.size());
      System.out.printf("node-agent memory per Running pod, (with - without) / %d, both agents: %s%n", ready.size(),
          perPod.format());
      System.out.printf("goal <= %.0f KiB per pod: heap %s, RSS %s, PSS %s%n", MEMORY_GOAL_KIB,
          perPod.heapKib() <= MEMORY_GOAL_KIB ? "met" : "missed", perPod.rssKib() <= MEMORY_GOAL_KIB ? "met" : "missed",
          perPod.pssKib() <= MEMORY_GOAL_KIB ? "met" : "missed");
      return 0;
    } finally {
      if (channel != null) {
        channel.shutdownNow();
      }
      for (int i = procs.size() - 1; i >= 0; i--) {
        BenchProcesses.stop(procs.get(i));
      }
      LabStart.deleteTree(dir);
    }
  }

  private static boolean isReady(Pod p) {
    return Readiness.isReady(p);
  }

  private static void awaitNodesReady(ResourceClient<Node> nodes, int count, List<Process> agents) throws InterruptedException {
    long deadline = System.nanoTime() + BenchProcesses.START_CEILING.toNanos();
    while (System.nanoTime() < deadline) {
      for (Process a : agents) {
        if (!a.isAlive()) {
          throw new IllegalStateException("a node agent exited with " + a.exitValue());
        }
      }
      try {
        long ready = nodes.listItems("", "").stream().filter(Readiness::isReady).count();
        if (ready >= count) {
          return;
        }
      } catch (RuntimeException e) {
        // not registered yet
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(count + " nodes not Ready within " + BenchProcesses.START_CEILING.toSeconds() + " s");
  }

  /** Three full GCs, the heap read after each (the least counts), then RSS and PSS. */
  private static AgentMemory measure(Process agent, String metricsUrl) throws Exception {
    double heap = ProcessMetrics.heapAfterFullGc(agent.pid(), metricsUrl);
    SmapsRollup mem = SmapsRollup.of(agent.pid());
    return new AgentMemory(heap / 1024, mem.rssKib(), mem.pssKib());
  }
}
