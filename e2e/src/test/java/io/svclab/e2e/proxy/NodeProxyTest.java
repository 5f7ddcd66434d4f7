package io.svclab.e2e.proxy;

import static io.svclab.e2e.proxy.ProxyCluster.get;
import static io.svclab.e2e.proxy.ProxyCluster.probeRefusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.ContainerPort;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.ComponentProcess;
import io.svclab.e2e.harness.Lab;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real apiserver, endpoints-controller, node-agent (node-1) and node-proxy processes; agnhost
 * pods on their own 127.x IPs; traffic through the ClusterIP and NodePort from this JVM.
 * The service CIDR is a /24 of the lab's 127.96.0.0/16 and pods use their own /24, so a lab
 * running on the same host does not share addresses with this test. The processes are shared;
 * each test makes its own Services and pods (the echo Service and its three pods are never changed),
 * so the tests run in any order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeProxyTest {
  static final String NODE1 = "node-1";
  static final String IP1 = "127.0.10.1";
  static final String NODE2 = "node-2";
  static final String IP2 = "127.0.10.2";
  static final String POD_CIDR = "127.244.71.0/24";
  static final String AGNHOST = "registry.k8s.io/e2e-test-images/agnhost:2.39";

  Path dir;
  ApiServerProcess api;
  ComponentProcess controller;
  ComponentProcess agent;
  ProxyCluster.Proxy proxy1;
  ResourceClient<Pod> pods;
  ResourceClient<Service> services;
  ResourceClient<EndpointSlice> slices;
  Service echo;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @BeforeAll
  void start(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    api = new ApiServerProcess(dir, "--service-cluster-ip-range", "127.96.71.0/24").start();
    pods = new ResourceClient<>(api.channel(), ResourceKinds.PODS);
    services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
    slices = new ResourceClient<>(api.channel(), ResourceKinds.ENDPOINT_SLICES);
    int controllerAdmin = Lab.freePort();
    controller = new ComponentProcess("endpoints-controller", "io.svclab.endpoints.EndpointsControllerMain",
        List.of("--api", api.target(), "--admin-port", Integer.toString(controllerAdmin), "--leader-elect=false"), dir,
        "http://127.0.0.1:" + controllerAdmin + "/readyz").start();
    int agentAdmin = Lab.freePort();
    agent = new ComponentProcess("node-agent-" + NODE1, "io.svclab.node.NodeAgentMain",
        List.of("--api", api.target(), "--node-name", NODE1, "--node-ip", IP1, "--pod-cidr", POD_CIDR,
            "--admin-port", Integer.toString(agentAdmin), "--data", dir.resolve(NODE1).toString()), dir,
        "http://" + IP1 + ":" + agentAdmin + "/healthz").start();
    proxy1 = ProxyCluster.startProxy(api.target(), NODE1, IP1, dir);

    for (int i = 0; i < 3; i++) pods.create(agnhost("echo-" + i, "echo"));
    echo = services.create(service("echo", "echo", s -> s.setType("NodePort")
        .addPorts(ServicePort.newBuilder().setName("udp").setProtocol("UDP").setPort(8081)
            .setTargetPort(IntOrString.newBuilder().setNumber(8081)))));
    awaitReadyEndpoints("echo", 3, Duration.ofSeconds(120));
  }

  @AfterAll
  void stop() throws Exception {
    for (ComponentProcess p : new ComponentProcess[] {proxy1 == null ? null : proxy1.process(), agent, controller}) {
      if (p == null) continue;
      Files.copy(p.logFile(), Path.of("target", p.logFile().getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      p.close();
    }
    if (api != null) api.close();
  }

  static Pod agnhost(String name, String app) {
    return Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default").putLabels("app", app))
        .setSpec(PodSpec.newBuilder().setNodeName(NODE1).setTerminationGracePeriodSeconds(1)
            .addContainers(Container.newBuilder().setName("agnhost").setImage(AGNHOST)
                .addAllArgs(List.of("netexec", "--http-port=8080", "--udp-port=8081"))
                .addPorts(ContainerPort.newBuilder().setName("http").setContainerPort(8080).setProtocol("TCP"))
                .addPorts(ContainerPort.newBuilder().setName("udp").setContainerPort(8081).setProtocol("UDP"))))
        .build();
  }

  static Service service(String name, String app, UnaryOperator<ServiceSpec.Builder> spec) {
    ServiceSpec.Builder b = ServiceSpec.newBuilder().putSelector("app", app)
        .addPorts(ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
            .setTargetPort(IntOrString.newBuilder().setNumber(8080)));
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name).setNamespace("default"))
        .setSpec(spec.apply(b)).build();
  }

  int readyEndpoints(String service) {
    Set<String> ips = new HashSet<>();
    for (EndpointSlice s : slices.listItems("default", "kubernetes.io/service-name=" + service)) {
      s.getEndpointsList().stream().filter(e -> e.getConditions().getReady()).forEach(e -> ips.addAll(e.getAddressesList()));
    }
    return ips.size();
  }

  void awaitReadyEndpoints(String service, int n, Duration within) {
    await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> readyEndpoints(service) == n);
  }

  static int httpPort(Service s) {
    return s.getSpec().getPortsList().stream().filter(p -> p.getName().equals("http")).findFirst().orElseThrow().getNodePort();
  }

  @Test
  void clusterIpNodePortAndUdpReachThePods() throws Exception {
    String clusterIp = echo.getSpec().getClusterIp();
    assertThat(clusterIp).startsWith("127.96.71.");
    Set<String> names = Set.of("echo-0", "echo-1", "echo-2");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://" + clusterIp + "/hostname")).build(),
            HttpResponse.BodyHandlers.ofString()).body().trim()).isIn(names));
    String viaNodePort = http.send(HttpRequest.newBuilder(URI.create("http://" + IP1 + ":" + httpPort(echo) + "/hostname"))
        .build(), HttpResponse.BodyHandlers.ofString()).body().trim();
    assertThat(viaNodePort).isIn(names);
    assertThat(ProxyCluster.udp(clusterIp, 8081, "hostname", 10_000)).isIn(names);
    System.out.printf("ClusterIP %s:80 and %s:%d answer from pods; UDP %s:8081 too%n", clusterIp, IP1, httpPort(echo), clusterIp);
  }

  @Test
  void spreadsRequestsOverThreePods() throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 150; i++) counts.merge(get(echo.getSpec().getClusterIp(), 80, "/hostname", 10_000), 1, Integer::sum);
    System.out.println("150 requests through the ClusterIP: " + counts);
    assertThat(counts).containsOnlyKeys("echo-0", "echo-1", "echo-2");
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(23)); // 15% of 150
  }

  @Test
  void sessionAffinityClientIpPinsOnePod() throws Exception {
    Service sticky = services.create(service("sticky", "echo", s -> s.setSessionAffinity("ClientIP")));
    // once the proxy has the Service, every request from this client lands on one pod
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      List<String> hits = new ArrayList<>();
      for (int i = 0; i < 30; i++) hits.add(get(sticky.getSpec().getClusterIp(), 80, "/hostname", 10_000));
      System.out.println("30 requests with ClientIP affinity: " + new HashSet<>(hits));
      assertThat(new HashSet<>(hits)).hasSize(1);
    });
  }

  @Test
  void noEndpointsIsRefusedAndScaleFromZeroServes() throws Exception {
    Service lonely = services.create(service("lonely", "lonely", s -> s.setType("NodePort")));
    String[][] targets = {{lonely.getSpec().getClusterIp(), "80"}, {IP1, "" + httpPort(lonely)}};
    // kube-proxy REJECTs a Service without endpoints: the connect itself is refused (curl exit 7),
    // never accepted and then reset (curl exit 56) or left to time out
    assertRefusedAtConnect(targets);
    pods.create(agnhost("lonely-0", "lonely"));
    awaitReadyEndpoints("lonely", 1, Duration.ofSeconds(60));
    long ready = System.nanoTime();
    String body = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
        .until(() -> get(lonely.getSpec().getClusterIp(), 80, "/hostname", 10_000), b -> b != null);
    System.out.printf("scale 0 -> 1: traffic %.3f s after the endpoint turned ready in its slice%n",
        (System.nanoTime() - ready) / 1e9);
    assertThat(body).isEqualTo("lonely-0");

    // back to zero: the listeners go, and connects are refused again
    pods.delete(DeleteRequest.newBuilder().setNamespace("default").setName("lonely-0").setGracePeriodSeconds(0).build());
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertRefusedAtConnect(targets));
  }

  private static void assertRefusedAtConnect(String[][] targets) {
    for (String[] target : targets) {
      for (int i = 0; i < 5; i++) {
        ProxyCluster.Refusal r = probeRefusal(target[0], Integer.parseInt(target[1]));
        assertThat(r.how()).as("%s:%s", target[0], target[1]).startsWith("ConnectException").contains("Connection refused");
      }
    }
  }

  @Test
  void externalTrafficPolicyLocalHealthCheckAndNodePort() throws Exception {
    Service local = services.create(service("local", "echo", s -> s.setType("LoadBalancer").setExternalTrafficPolicy("Local")));
    int hc = local.getSpec().getHealthCheckNodePort();
    int nodePort = httpPort(local);
    assertThat(hc).isPositive();
    ProxyCluster.Proxy proxy2 = ProxyCluster.startProxy(api.target(), NODE2, IP2, dir);
    try {
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
        HttpResponse<String> r1 = http.send(HttpRequest.newBuilder(URI.create("http://" + IP1 + ":" + hc + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r1.statusCode()).isEqualTo(200);
        assertThat(r1.body()).contains("\"service\":{\"namespace\":\"default\",\"name\":\"local\"}", "\"localEndpoints\":3");
        HttpResponse<String> r2 = http.send(HttpRequest.newBuilder(URI.create("http://" + IP2 + ":" + hc + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(r2.statusCode()).isEqualTo(503);
        assertThat(r2.body()).contains("\"localEndpoints\":0");
      });
      assertThat(get(IP1, nodePort, "/hostname", 10_000)).startsWith("echo-");
      ProxyCluster.Refusal refusal = probeRefusal(IP2, nodePort);
      System.out.printf("ETP Local: %s:%d health 200, %s:%d health 503; NodePort on node-2 refused in %d ms (%s)%n",
          IP1, hc, IP2, hc, refusal.millis(), refusal.how());
      assertThat(refusal.refused()).as(refusal.how()).isTrue();
      // ClusterIP traffic still reaches every pod through node-2's proxy too (SO_REUSEPORT shared listener)
      assertThat(get(local.getSpec().getClusterIp(), 80, "/hostname", 10_000)).startsWith("echo-");
    } finally {
      Files.copy(proxy2.process().logFile(), Path.of("target", proxy2.process().logFile().getFileName().toString()),
          StandardCopyOption.REPLACE_EXISTING);
      assertThat(proxy2.process().stop()).as("node-2 proxy exit code on SIGTERM").isIn(0, 143);
    }
  }

  /** Reads until EOF or a reset (true), or the ceiling passes with the connection open (false). */
  static boolean closedByPeer(java.io.InputStream in) throws java.io.IOException {
    try {
      while (true) {
        if (in.read() < 0) return true;
      }
    } catch (java.net.SocketTimeoutException e) {
      return false; // still open at the ceiling
    } catch (java.io.IOException e) {
      return true; // reset
    }
  }

  @Test
  void establishedConnectionSurvivesUnrelatedChangesAndClosesWhenItsEndpointGoes() throws Exception {
    pods.create(agnhost("kept-0", "kept"));
    Service kept = services.create(service("kept", "kept", s -> s));
    awaitReadyEndpoints("kept", 1, Duration.ofSeconds(60));
    String clusterIp = kept.getSpec().getClusterIp();
    java.net.Socket s = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
      java.net.Socket c = new java.net.Socket();
      c.connect(new java.net.InetSocketAddress(clusterIp, 80), 10_000);
      return c;
    }, c -> c != null);
    try (s) {
      s.setSoTimeout(60_000); // a ceiling only: a close is seen as EOF or reset long before
      java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          java.nio.charset.StandardCharsets.UTF_8));
      java.io.OutputStream out = s.getOutputStream();
      assertThat(keepAliveGet(out, in)).isEqualTo("kept-0");
      // an unrelated change (a second endpoint) re-syncs the listener; this connection stays
      pods.create(agnhost("kept-1", "kept"));
      awaitReadyEndpoints("kept", 2, Duration.ofSeconds(60));
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> get(clusterIp, 80, "/hostname", 10_000).equals("kept-1")); // the proxy has the new endpoint
      assertThat(keepAliveGet(out, in)).isEqualTo("kept-0");
      // its own endpoint leaves: the proxy closes the connection, nothing hangs
      long start = System.nanoTime();
      pods.delete(DeleteRequest.newBuilder().setNamespace("default").setName("kept-0").setGracePeriodSeconds(0).build());
      boolean closed = closedByPeer(s.getInputStream());
      System.out.printf("connection to a deleted endpoint closed after %.3f s%n", (System.nanoTime() - start) / 1e9);
      assertThat(closed).as("closed by the proxy").isTrue();
    }
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
        assertThat(get(clusterIp, 80, "/hostname", 10_000)).isEqualTo("kept-1"));
  }

  /** One HTTP/1.1 keep-alive GET /hostname on an open connection; the body. */
  static String keepAliveGet(java.io.OutputStream out, java.io.BufferedReader in) throws java.io.IOException {
    out.write("GET /hostname HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.flush();
    int length = -1;
    String line = in.readLine();
    assertThat(line).startsWith("HTTP/1.1 200");
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).trim());
    }
    assertThat(length).as("Content-Length").isPositive();
    char[] body = new char[length];
    int read = 0;
    while (read < length) read += in.read(body, read, length - read);
    return new String(body).trim();
  }

  @Test
  void podDeletedNewConnectionsGoElsewhere() throws Exception {
    for (int i = 0; i < 3; i++) pods.create(agnhost("shrink-" + i, "shrink"));
    String clusterIp = services.create(service("shrink", "shrink", s -> s)).getSpec().getClusterIp();
    awaitReadyEndpoints("shrink", 3, Duration.ofSeconds(60));
    pods.delete(DeleteRequest.newBuilder().setNamespace("default").setName("shrink-2").setGracePeriodSeconds(0).build());
    awaitReadyEndpoints("shrink", 2, Duration.ofSeconds(60));
    // every new connection is served (a request to the gone pod would fail or time out), and by the two left
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      seen.add(get(clusterIp, 80, "/hostname", 10_000));
    }
    assertThat(seen).containsExactlyInAnyOrder("shrink-0", "shrink-1");
  }

  @Test
  void dnsThroughTheKubeDnsClusterIp() throws Exception {
    int dnsPort = Lab.freePort();
    int dnsAdmin = Lab.freePort();
    try (ComponentProcess dns = new ComponentProcess("dns-server", "io.svclab.dns.DnsServerMain",
        List.of("--api", api.target(), "--listen", "127.0.0.1:" + dnsPort, "--admin-port", Integer.toString(dnsAdmin),
            "--register-endpoint", "127.0.0.1"), dir, "http://127.0.0.1:" + dnsAdmin + "/readyz").start()) {
      String kubeDns = services.get("kube-system", "kube-dns").getSpec().getClusterIp();
      String name = "echo.default.svc.cluster.local";
      for (String transport : List.of("+notcp", "+tcp")) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
          io.svclab.e2e.harness.Shell.Result r = io.svclab.e2e.harness.Shell.run(
              "dig @" + kubeDns + " -p 53 +tries=1 +time=1 +short " + transport + " " + name + " A", 10);
          assertThat(r.stdout().trim()).as("dig %s via %s:53", transport, kubeDns).isEqualTo(echo.getSpec().getClusterIp());
        });
      }
      System.out.printf("dig %s @%s (kube-dns ClusterIP, UDP and TCP) -> %s%n", name, kubeDns, echo.getSpec().getClusterIp());
    }
  }

  @Test
  void removingAnEndpointFromItsSliceClosesTheProxiedConnection() throws Exception {
    // an endpoint the proxy cannot see die: a server in this JVM that never closes on its own
    try (java.net.ServerSocket server = new java.net.ServerSocket()) {
      server.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      List<java.net.Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            java.net.Socket c = server.accept();
            held.add(c);
            c.getOutputStream().write("hello\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          }
        } catch (java.io.IOException e) {
          // closed
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      Service manual = services.create(Service.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName("manual").setNamespace("default"))
          .setSpec(ServiceSpec.newBuilder().addPorts(ServicePort.newBuilder().setName("http").setProtocol("TCP").setPort(80)
              .setTargetPort(IntOrString.newBuilder().setNumber(server.getLocalPort())))).build());
      slices.create(EndpointSlice.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setName("manual-1").setNamespace("default")
              .putLabels("kubernetes.io/service-name", "manual"))
          .setAddressType("IPv4")
          .addPorts(io.svclab.api.v1.EndpointSlicePort.newBuilder().setName("http").setProtocol("TCP").setPort(server.getLocalPort()))
          .addEndpoints(io.svclab.api.v1.Endpoint.newBuilder().addAddresses("127.0.0.1")
              .setConditions(io.svclab.api.v1.EndpointConditions.newBuilder().setReady(true)))
          .build());
      java.net.Socket client = await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
        java.net.Socket c = new java.net.Socket(manual.getSpec().getClusterIp(), 80);
        c.setSoTimeout(1000);
        if (c.getInputStream().read() != 'h') {
          c.close();
          return null;
        }
        return c;
      }, java.util.Objects::nonNull);
      try (client) {
        client.setSoTimeout(60_000); // a ceiling only: the close is seen as EOF or reset long before
        long start = System.nanoTime();
        slices.delete("default", "manual-1");
        boolean closed = closedByPeer(client.getInputStream());
        System.out.printf("endpoint removed from its slice: proxied connection closed after %.3f s%n",
            (System.nanoTime() - start) / 1e9);
        assertThat(closed).as("closed by the proxy").isTrue();
        assertThat(held).isNotEmpty().allSatisfy(c -> assertThat(c.isClosed()).isFalse());
      }
      held.forEach(c -> {
        try {
          c.close();
        } catch (java.io.IOException e) {
          // ignore
        }
      });
    }
  }

  @Test
  void metricsUseKubeProxyNames() throws Exception {
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() ->
        get(echo.getSpec().getClusterIp(), 80, "/hostname", 10_000).startsWith("echo-"));
    String metrics = http.send(HttpRequest.newBuilder(URI.create("http://" + IP1 + ":" + proxy1.metricsPort() + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    assertThat(metrics).contains("kubeproxy_sync_proxy_rules_duration_seconds_count",
        "kubeproxy_network_programming_duration_seconds_count", "svclab_proxy_connections_total{service=\"default/echo:http\"}");
    metrics.lines().filter(l -> l.startsWith("kubeproxy_network_programming_duration_seconds_count")
        || l.startsWith("kubeproxy_sync_proxy_rules_duration_seconds_count")).forEach(System.out::println);
  }
}
