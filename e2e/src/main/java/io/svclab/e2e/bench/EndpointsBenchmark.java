package io.svclab.e2e.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.google.protobuf.Message;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./lab bench endpoints}: 1,000 Services x 10 pods behind a real apiserver and
 * endpoints-controller; readiness flips on 2,000 random pods at 200/s. Prints the time from a
 * pod status write to the slice showing it (from the watch stream), slice writes per pod
 * change, and the controller's CPU.
 */
@Command(name = "endpoints", description = "EndpointSlice latency and writes per pod change", mixinStandardHelpOptions = true)
final class EndpointsBenchmark implements Callable<Integer> {
  @Option(names = "--services", description = "default: ${DEFAULT-VALUE}")
  private int services = 1_000;
  @Option(names = "--pods-per-service", description = "default: ${DEFAULT-VALUE}")
  private int podsPerService = 10;
  @Option(names = "--flips", description = "default: ${DEFAULT-VALUE}")
  private int flips = 2_000;
  @Option(names = "--rate", description = "default: ${DEFAULT-VALUE}")
  private int rate = 200;


  private record Pending(long writtenAt, boolean ready) {}

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("svclab-bench-endpoints");
    int port = BenchProcesses.freePort();
    Process api = BenchProcesses.apiserver(dir, port, List.of(), dir.resolve("apiserver.log"));
    Process controller = null;
    ManagedChannel channel = null;
    try {
      int admin = BenchProcesses.freePort();
      controller = BenchProcesses.java("endpoints-controller", "io.svclab.endpoints.EndpointsControllerMain",
          List.of("--api", "127.0.0.1:" + port, "--admin-port", Integer.toString(admin)), dir.resolve("controller.log"));
      BenchProcesses.awaitOk(controller, "http://127.0.0.1:" + admin + "/readyz");
      channel = ApiChannels.forTarget("127.0.0.1:" + port);
      ResourceClient<Pod> pods = new ResourceClient<>(channel, ResourceKinds.PODS, 30_000);
      ResourceClient<Service> svcs = new ResourceClient<>(channel, ResourceKinds.SERVICES, 30_000);
      ResourceClient<EndpointSlice> slices = new ResourceClient<>(channel, ResourceKinds.ENDPOINT_SLICES, 30_000);
      ResourceClient<Node> nodes = new ResourceClient<>(channel, ResourceKinds.NODES);
      nodes.create(Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1")).build());
      nodes.create(Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-2")).build());

      int total = services * podsPerService;
      System.out.printf("endpoints benchmark: %d services x %d pods; %d readiness flips at %d/s%n",
          services, podsPerService, flips, rate);
      long setup = System.nanoTime();
      SetupWrites.parallel(services, 16, i -> svcs.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("svc-" + i))
          .setSpec(ServiceSpec.newBuilder().putSelector("app", "svc-" + i).addPorts(ServicePort.newBuilder()
              .setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(8080)))).build()));
      SetupWrites.parallel(total, 16, i -> {
        String name = "pod-" + i;
        pods.create(Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).putLabels("app", "svc-" + (i % services)))
            .setSpec(PodSpec.newBuilder().setNodeName(i % 2 == 0 ? "node-1" : "node-2")
                .addContainers(Container.newBuilder().setName("c").setImage("agnhost"))).build());
        writeStatus(pods, name, ipOf(i), true);
      });
      awaitReady(slices, total);
      System.out.printf("setup: %d services and %d ready pods in slices after %.1f s%n", services, total,
          (System.nanoTime() - setup) / 1e9);

      Map<String, Pending> pending = new ConcurrentHashMap<>();
      Latencies lat = new Latencies(flips);
      AtomicInteger sliceWrites = new AtomicInteger();
      String rv = slices.kind().listMeta(slices.list(ListRequest.newBuilder().setLimit(1).build())).getResourceVersion();
      var call = slices.watch(WatchRequest.newBuilder().setResourceVersion(rv).build(), new StreamObserver<>() {
        @Override
        public void onNext(Message m) {
          long now = System.nanoTime();
          if (slices.kind().watchEventType(m) == EventType.BOOKMARK) {
            return;
          }
          sliceWrites.incrementAndGet();
          EndpointSlice s = slices.kind().watchEventObject(m);
          for (var e : s.getEndpointsList()) {
            String ip = e.getAddresses(0);
            Pending p = pending.get(ip);
            if (p != null && e.getConditions().getReady() == p.ready() && pending.remove(ip, p)) {
              lat.add(now - p.writtenAt());
            }
          }
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {}
      });
      Thread.sleep(500);
      long cpuBefore = BenchProcesses.cpuTicks(controller.pid());
      long flipStart = System.nanoTime();
      Random random = new Random(42);
      Map<Integer, Boolean> state = new ConcurrentHashMap<>();
      long intervalNanos = 1_000_000_000L / rate;
      for (int f = 0; f < flips; f++) {
        long due = flipStart + f * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        int i = random.nextInt(total);
        boolean ready = !state.getOrDefault(i, true);
        state.put(i, ready);
        pending.put(ipOf(i), new Pending(System.nanoTime(), ready));
        writeStatus(pods, "pod-" + i, ipOf(i), ready);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (!pending.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - flipStart) / 1e9;
      Thread.sleep(500);
      double cpuSeconds = (BenchProcesses.cpuTicks(controller.pid()) - cpuBefore) / 100.0;
      call.cancel("done", null);
      System.out.println();
      System.out.printf("pod status write -> slice update: p50 %.1f ms, p99 %.1f ms over %d changes (%d unseen)%n",
          lat.percentileMillis(50), lat.percentileMillis(99), lat.count(), pending.size());
      System.out.printf("slice writes per pod change: %.3f (%d slice writes for %d changes)%n",
          sliceWrites.get() / (double) flips, sliceWrites.get(), flips);
      System.out.printf("endpoints-controller CPU: %.1f s over %.1f s = %.0f%% of one core%n", cpuSeconds, seconds,
          100 * cpuSeconds / seconds);
      System.out.printf("goals: p99 %.1f/100 ms = %.2f (<= 1.0 meets it); writes per change %.3f/1.05 = %.2f (<= 1.0 meets it)%n",
          lat.percentileMillis(99), lat.percentileMillis(99) / 100, sliceWrites.get() / (double) flips,
          sliceWrites.get() / (double) flips / 1.05);
      return 0;
    } finally {
      if (channel != null) {
        channel.shutdownNow();
      }
      BenchProcesses.stop(controller);
      BenchProcesses.stop(api);
    }
  }

  private static String ipOf(int i) {
    return "127.244." + (1 + i / 250) + "." + (1 + i % 250);
  }

  private static void writeStatus(ResourceClient<Pod> pods, String name, String ip, boolean ready) {
    for (int attempt = 0; ; attempt++) {
      Pod current = pods.get("default", name);
      String status = ready ? "True" : "False";
      try {
        pods.updateStatus(current.toBuilder().setStatus(PodStatus.newBuilder().setPhase("Running").setPodIp(ip)
            .addPodIps(PodIP.newBuilder().setIp(ip))
            .addConditions(PodCondition.newBuilder().setType("Ready").setStatus(status))).build());
        return;
      } catch (RuntimeException e) {
        if (attempt >= 3) {
          throw e;
        }
      }
    }
  }

  private static void awaitReady(ResourceClient<EndpointSlice> slices, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (System.nanoTime() < deadline) {
      int ready = 0;
      for (EndpointSlice s : slices.listItems("default", "")) {
        for (var e : s.getEndpointsList()) {
          if (e.getConditions().getReady()) {
            ready++;
          }
        }
      }
      if (ready >= expected) {
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("slices did not converge to " + expected + " ready endpoints in 5 minutes");
  }

}
