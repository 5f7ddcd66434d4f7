package io.svclab.e2e.bench;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.kube.Readiness;
import io.svclab.client.kube.WellKnown;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The svclab processes a traffic benchmark runs against: apiserver, endpoints-controller, and
 * per node a node-agent and a node-proxy (plus cloud-lb when asked). Addresses stay clear of a
 * lab on the same host: nodes 127.0.10.20N, pods 127.245.N.0/24, Services 127.97.0.0/16,
 * LoadBalancer IPs 127.101.0.0/29. Closing stops every process and removes the data directory.
 */
final class BenchCluster implements AutoCloseable {
  static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.39";
  static final String SERVICE_CIDR = "127.97.0.0/16";
  static final String LB_POOL = "127.101.0.0/29";
  /** A pod-range address on node 1 that no pod gets (the agent allocates from .1 upwards). */
  static final String SPARE_POD_IP = "127.245.1.250";

  final Path dir;
  final ResourceClient<Pod> pods;
  final ResourceClient<Service> services;
  final ResourceClient<EndpointSlice> slices;
  private final Map<String, Process> processes;
  private final int proxyMetricsPort;
  private final ManagedChannel channel;

  private BenchCluster(Path dir, Map<String, Process> processes, ManagedChannel channel, int proxyMetricsPort) {
    this.dir = dir;
    this.proxyMetricsPort = proxyMetricsPort;
    this.processes = processes;
    this.channel = channel;
    pods = new ResourceClient<>(channel, ResourceKinds.PODS, 30_000);
    services = new ResourceClient<>(channel, ResourceKinds.SERVICES, 30_000);
    slices = new ResourceClient<>(channel, ResourceKinds.ENDPOINT_SLICES, 30_000);
  }

  static String nodeName(int n) {
    return "bench-node-" + n;
  }

  static String nodeIp(int n) {
    return "127.0.10." + (200 + n);
  }

  /** Starts the processes and waits for each to be ready (bounded: {@link BenchProcesses#START_CEILING} each). */
  static BenchCluster start(int nodes, boolean cloudLb) throws Exception {
    Path dir = Files.createTempDirectory("svclab-bench-traffic");
    Map<String, Process> procs = new LinkedHashMap<>();
    try {
      int port = BenchProcesses.freePort();
      String api = "127.0.0.1:" + port;
      procs.put("apiserver", BenchProcesses.apiserver(dir, port, List.of("--service-cluster-ip-range", SERVICE_CIDR),
          dir.resolve("apiserver.log")));
      int controllerAdmin = BenchProcesses.freePort();
      procs.put("endpoints-controller", healthy(BenchProcesses.java("endpoints-controller", "io.svclab.endpoints.EndpointsControllerMain",
          List.of("--api", api, "--admin-port", Integer.toString(controllerAdmin), "--leader-elect=false"),
          dir.resolve("endpoints-controller.log")), "http://127.0.0.1:" + controllerAdmin + "/readyz"));
      int agentAdmin = BenchProcesses.freePort();
      int healthz = BenchProcesses.freePort();
      int metrics = BenchProcesses.freePort();
      for (int n = 1; n <= nodes; n++) {
        String ip = nodeIp(n);
        procs.put("node-agent-" + n, healthy(BenchProcesses.java("node-agent-" + n, "io.svclab.node.NodeAgentMain", List.of("--api", api,
            "--node-name", nodeName(n), "--node-ip", ip, "--pod-cidr", "127.245." + n + ".0/24",
            "--admin-port", Integer.toString(agentAdmin), "--data", dir.resolve("node-" + n).toString()),
            dir.resolve("node-agent-" + n + ".log")), "http://" + ip + ":" + agentAdmin + "/healthz"));
        procs.put("node-proxy-" + n, healthy(BenchProcesses.java("node-proxy-" + n, "io.svclab.proxy.NodeProxyMain", List.of("--api", api,
            "--node-name", nodeName(n), "--node-ip", ip, "--healthz-port", Integer.toString(healthz),
            "--metrics-port", Integer.toString(metrics), "--bind-load-balancer-ips", "false"),
            dir.resolve("node-proxy-" + n + ".log")), "http://" + ip + ":" + healthz + "/healthz"));
      }
      if (cloudLb) {
        int lbAdmin = BenchProcesses.freePort();
        procs.put("cloud-lb", healthy(BenchProcesses.java("cloud-lb", "io.svclab.cloudlb.CloudLbMain", List.of("--api", api,
            "--pool", LB_POOL, "--admin-port", Integer.toString(lbAdmin), "--leader-elect=false"),
            dir.resolve("cloud-lb.log")), "http://127.0.0.1:" + lbAdmin + "/readyz"));
      }
      return new BenchCluster(dir, procs, ApiChannels.forTarget(api), metrics);
    } catch (Exception | Error e) {
      stopAll(procs);
      System.err.println("cluster start failed; logs in " + dir);
      throw e;
    }
  }

  private static Process healthy(Process p, String url) throws InterruptedException {
    return BenchProcesses.awaitOk(p, url);
  }

  /** node-proxy N's Prometheus text. */
  String proxyMetrics(int n) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + nodeIp(n) + ":" + proxyMetricsPort
        + "/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The channel to the apiserver, for clients of other kinds. */
  ManagedChannel channel() {
    return channel;
  }

  /** The pid of a component ("node-proxy-1", "cloud-lb", ...). */
  long pid(String component) {
    return processes.get(component).pid();
  }

  private static void stopAll(Map<String, Process> procs) throws InterruptedException {
    List<Process> started = new ArrayList<>(procs.values());
    for (int i = started.size() - 1; i >= 0; i--) BenchProcesses.stop(started.get(i));
  }

  /** Polls {@code check} every {@code every} until true or {@code atMost}; whether it became true. */
  static boolean awaitTrue(Duration atMost, Duration every, Supplier<Boolean> check) throws InterruptedException {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.get()) return true;
      Thread.sleep(every.toMillis());
    }
    return false;
  }

  /** Reads an object until {@code done} holds (bounded); the object then. */
  static <T> T awaitObject(String what, Duration atMost, Supplier<T> read, Predicate<T> done) throws InterruptedException {
    Object[] last = new Object[1];
    boolean ok = awaitTrue(atMost, Duration.ofMillis(50), () -> {
      T t = read.get();
      last[0] = t;
      return done.test(t);
    });
    if (!ok) throw new IllegalStateException(what + " not reached within " + atMost.toSeconds() + " s");
    @SuppressWarnings("unchecked")
    T t = (T) last[0];
    return t;
  }

  /** One agnhost netexec pod (HTTP on 8080) on node 1, labelled {@code app=<app>}; returns it once Ready with an IP. */
  Pod agnhostPod(String name, String app) throws InterruptedException {
    pods.create(Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").putLabels("app", app))
        .setSpec(PodSpec.newBuilder().setNodeName(nodeName(1)).setTerminationGracePeriodSeconds(1)
            .addContainers(Container.newBuilder().setName("agnhost").setImage(AGNHOST)
                .addAllArgs(List.of("netexec", "--http-port=8080"))
                .addPorts(ContainerPort.newBuilder().setName("http").setContainerPort(8080).setProtocol("TCP"))))
        .build());
    return awaitObject("pod " + name + " Ready", BenchProcesses.START_CEILING, () -> pods.get("default", name),
        p -> !p.getStatus().getPodIp().isEmpty() && Readiness.isReady(p));
  }

  /** A Service of {@code type} with one TCP port; a selector when {@code app} is not null. */
  Service service(String name, String type, String app, int port, int targetPort) {
    return service(name, ServiceSpec.newBuilder().setType(type), app, port, targetPort);
  }

  /**
   * A LoadBalancer Service with {@code allocateLoadBalancerNodePorts: false}: no NodePort, so
   * the balancer sends straight to the endpoints (pod IP targets) and no node-proxy is crossed.
   */
  Service loadBalancerToPods(String name, String app, int port, int targetPort) {
    return service(name, ServiceSpec.newBuilder().setType("LoadBalancer").setAllocateLoadBalancerNodePorts(false), app, port,
        targetPort);
  }

  private Service service(String name, ServiceSpec.Builder spec, String app, int port, int targetPort) {
    spec
        .addPorts(ServicePort.newBuilder().setProtocol("TCP").setPort(port)
            .setTargetPort(IntOrString.newBuilder().setNumber(targetPort)));
    if (app != null) spec.putSelector("app", app);
    return services.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
        .setSpec(spec).build());
  }

  /** The EndpointSlice of a selector-less Service: one ready endpoint {@code ip:port} on node 1. */
  EndpointSlice slice(String service, String ip, int port) {
    return slices.create(EndpointSlice.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName(service + "-bench").setNamespace("default")
            .putLabels(WellKnown.LABEL_SERVICE_NAME, service)
            .putLabels(WellKnown.LABEL_MANAGED_BY, "bench.svclab.io"))
        .setAddressType("IPv4")
        .addEndpoints(Endpoint.newBuilder().addAddresses(ip).setNodeName(nodeName(1))
            .setConditions(EndpointConditions.newBuilder().setReady(true).setServing(true).setTerminating(false)))
        .addPorts(EndpointSlicePort.newBuilder().setName("").setProtocol("TCP").setPort(port))
        .build());
  }

  /** The Service once cloud-lb has given it an ingress IP (bounded: {@link BenchProcesses#START_CEILING}). */
  Service awaitIngress(String name) throws InterruptedException {
    return awaitObject("LoadBalancer IP for " + name, BenchProcesses.START_CEILING, () -> services.get("default", name),
        s -> s.getStatus().getLoadBalancer().getIngressCount() > 0);
  }

  @Override
  public void close() throws Exception {
    channel.shutdownNow();
    stopAll(processes);
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
