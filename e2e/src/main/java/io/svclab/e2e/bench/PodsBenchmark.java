package io.svclab.e2e.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
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
 * {@code ./lab bench pods}: 1,000 nginx pods over two node agents (with the scheduler binding
 * them); prints the time until all are Ready and the node agents' heap per pod after a full GC.
 */
@Command(name = "pods", description = "pods to Ready over two node agents, and memory per pod", mixinStandardHelpOptions = true)
final class PodsBenchmark implements Callable<Integer> {
  @Option(names = "--pods", description = "default: ${DEFAULT-VALUE}")
  private int pods = 1_000;


  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("svclab-bench-pods");
    int port = BenchProcesses.freePort();
    List<Process> procs = new ArrayList<>();
    ManagedChannel channel = null;
    try {
      Process api = BenchProcesses.java("apiserver", "io.svclab.apiserver.ApiServerMain", List.of("--data",
          dir.toString(), "--port", Integer.toString(port), "--admin-port", Integer.toString(BenchProcesses.freePort())),
          dir.resolve("apiserver.log"));
      procs.add(api);
      BenchProcesses.awaitPort(port, api, "apiserver");
      String target = "127.0.0.1:" + port;
      procs.add(BenchProcesses.java("workload-controller", "io.svclab.workload.WorkloadControllerMain",
          List.of("--api", target, "--admin-port", Integer.toString(BenchProcesses.freePort())), dir.resolve("workload.log")));
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
      Thread.sleep(3000);  // nodes register and turn Ready
      double[] baseline = new double[2];
      for (int n = 0; n < 2; n++) {
        gc(agents.get(n));
        baseline[n] = heapUsed(adminUrls.get(n));
      }
      System.out.printf("pods benchmark: %d nginx pods over 2 node agents; agent heaps at start %.1f / %.1f MiB%n",
          pods, baseline[0] / (1 << 20), baseline[1] / (1 << 20));
      long start = System.nanoTime();
      ExecutorService pool = Executors.newFixedThreadPool(8);
      AtomicInteger next = new AtomicInteger();
      for (int t = 0; t < 8; t++) {
        pool.execute(() -> {
          int i;
          while ((i = next.getAndIncrement()) < pods) {
            client.create(Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("bench-" + i).putLabels("app", "bench"))
                .setSpec(PodSpec.newBuilder().addContainers(Container.newBuilder().setName("nginx").setImage("nginx:1.25")
                    .addPorts(ContainerPort.newBuilder().setContainerPort(80)))).build());
          }
        });
      }
      pool.shutdown();
      pool.awaitTermination(10, TimeUnit.MINUTES);
      double created = (System.nanoTime() - start) / 1e9;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
      long ready = 0;
      while (System.nanoTime() < deadline) {
        ready = client.listItems("default", "app=bench").stream().filter(p -> p.getStatus().getConditionsList().stream()
            .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"))).count();
        if (ready >= pods) {
          break;
        }
        Thread.sleep(250);
      }
      double allReady = (System.nanoTime() - start) / 1e9;
      double perPod = 0;
      for (int n = 0; n < 2; n++) {
        gc(agents.get(n));
        perPod += heapUsed(adminUrls.get(n)) - baseline[n];
      }
      perPod /= Math.max(1, ready);
      System.out.printf("created %d pods in %.1f s; %d Ready after %.1f s (goal: all within 20 s -> ratio %.2f, <= 1.0 meets it)%n",
          pods, created, ready, allReady, allReady / 20);
      System.out.printf("node-agent heap per Running pod: %.0f KiB (goal <= 2048 KiB -> ratio %.2f)%n", perPod / 1024,
          perPod / (2 << 20));
      return 0;
    } finally {
      if (channel != null) {
        channel.shutdownNow();
      }
      for (int i = procs.size() - 1; i >= 0; i--) {
        BenchProcesses.stop(procs.get(i));
      }
    }
  }

  private static void gc(Process p) throws Exception {
    new ProcessBuilder("jcmd", Long.toString(p.pid()), "GC.run").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    Thread.sleep(300);
  }

  private static double heapUsed(String metricsUrl) throws Exception {
    String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return body.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{area=\"heap\"}"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(Double.NaN);
  }
}
