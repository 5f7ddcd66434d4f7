package io.svclab.e2e.cloudlb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.NodeStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.ComponentProcess;
import io.svclab.e2e.harness.Lab;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The balancer's traffic rules: spreading over nodes, externalTrafficPolicy Local, source ranges, host updates. */
class CloudLbTrafficTest {
  @TempDir Path dir;
  ApiServerProcess api;
  ComponentProcess lb;
  ResourceClient<Service> services;
  ResourceClient<Node> nodes;
  ResourceClient<Event> events;
  final List<HttpServer> servers = new ArrayList<>();
  final int octet = ThreadLocalRandom.current().nextInt(20, 250);
  int admin;

  @BeforeEach
  void start() throws Exception {
    api = new ApiServerProcess(dir).start();
    services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
    nodes = new ResourceClient<>(api.channel(), ResourceKinds.NODES);
    events = new ResourceClient<>(api.channel(), ResourceKinds.EVENTS);
    admin = Lab.freePort();
    lb = new ComponentProcess("cloud-lb", "io.svclab.cloudlb.CloudLbMain",
        List.of("--api", api.target(), "--pool", "127.100." + octet + ".0/29", "--admin-port", Integer.toString(admin),
            "--leader-elect=false", "--health-check-interval", "500ms"), dir,
        "http://127.0.0.1:" + admin + "/readyz").start();
  }

  @AfterEach
  void stop() throws Exception {
    servers.forEach(s -> s.stop(0));
    Files.copy(lb.logFile(), Path.of("target", "cloud-lb-traffic-last.log"), StandardCopyOption.REPLACE_EXISTING);
    lb.close();
    api.close();
  }

  void readyNode(String name, String ip) {
    nodes.create(Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name)).build());
    Node n = nodes.get("", name);
    nodes.updateStatus(n.toBuilder().setStatus(NodeStatus.newBuilder()
        .addAddresses(NodeAddress.newBuilder().setType("InternalIP").setAddress(ip))
        .addConditions(NodeCondition.newBuilder().setType("Ready").setStatus("True"))).build());
  }

  /** A node proxy stand-in on {@code ip:port} answering {@code body}, and a status code on {@code /healthz}. */
  void serve(String ip, int port, String body, AtomicInteger healthz) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(ip, port), 0);
    s.createContext("/", ex -> {
      boolean health = ex.getRequestURI().getPath().equals("/healthz");
      String text = ex.getRequestURI().getPath().equals("/clientip")
          ? ex.getRemoteAddress().getAddress().getHostAddress() : health ? "{}" : body;
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(health && healthz != null ? healthz.get() : 200, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    s.start();
    servers.add(s);
  }

  Service create(ServiceSpec.Builder spec, String name) {
    return services.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name))
        .setSpec(spec.setType("LoadBalancer").addPorts(ServicePort.newBuilder().setPort(8090)
            .setTargetPort(IntOrString.newBuilder().setNumber(80)))).build());
  }

  String awaitIp(String name) {
    await().atMost(Duration.ofSeconds(60)).until(() ->
        services.get("default", name).getStatus().getLoadBalancer().getIngressCount() > 0);
    return services.get("default", name).getStatus().getLoadBalancer().getIngress(0).getIp();
  }

  Set<String> bodies(String ip, int n) throws Exception {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < n; i++) {
      String r = CloudLbTest.get(ip, 8090);
      seen.add(r.substring(r.indexOf("\r\n\r\n") + 4));
    }
    return seen;
  }

  @Test
  void spreadsOverReadyNodesAndReportsNewHosts() throws Exception {
    readyNode("node-1", "127.0.10.1");
    Service web = create(ServiceSpec.newBuilder(), "web");
    int nodePort = web.getSpec().getPorts(0).getNodePort();
    serve("127.0.10.1", nodePort, "node-1", null);
    serve("127.0.10.2", nodePort, "node-2", null);
    String ip = awaitIp("web");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> bodies(ip, 4).equals(Set.of("node-1")));

    readyNode("node-2", "127.0.10.2");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> bodies(ip, 6).equals(Set.of("node-1", "node-2")));
    await().atMost(Duration.ofSeconds(60)).until(() -> events.listItems("default", "").stream()
        .anyMatch(e -> e.getInvolvedObject().getName().equals("web") && e.getReason().equals("UpdatedLoadBalancer")
            && e.getMessage().equals("Updated load balancer with new hosts")));
  }

  @Test
  void externalTrafficPolicyLocalSendsOnlyToNodesWhoseHealthCheckAnswers200() throws Exception {
    readyNode("node-1", "127.0.10.1");
    readyNode("node-2", "127.0.10.2");
    Service web = create(ServiceSpec.newBuilder().setExternalTrafficPolicy("Local"), "local");
    int nodePort = web.getSpec().getPorts(0).getNodePort();
    int hc = web.getSpec().getHealthCheckNodePort();
    assertThat(hc).isPositive();
    AtomicInteger node1Health = new AtomicInteger(503);
    serve("127.0.10.1", nodePort, "node-1", null);
    serve("127.0.10.2", nodePort, "node-2", null);
    serve("127.0.10.1", hc, "", node1Health);
    serve("127.0.10.2", hc, "", new AtomicInteger(200));
    String ip = awaitIp("local");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> bodies(ip, 1).equals(Set.of("node-2")));
    assertThat(bodies(ip, 8)).containsExactly("node-2");
    // the node sees the client's own address (agnhost /clientip in the real lab)
    assertThat(getFrom("127.0.0.7", ip, "/clientip")).endsWith("\r\n\r\n127.0.0.7");
    String metrics = metrics();
    assertThat(metrics).contains("cloud_lb_health_checks_total{node=\"127.0.10.1\",port=\"" + hc + "\",result=\"unhealthy\"}");
    assertThat(metrics).contains("cloud_lb_health_checks_total{node=\"127.0.10.2\",port=\"" + hc + "\",result=\"healthy\"}");
    assertThat(metrics).contains("cloud_lb_connections_total{result=\"forwarded\",service=\"default/local\"}");
    assertThat(metrics).contains("cloud_lb_balancers 1");

    node1Health.set(200);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> bodies(ip, 6).equals(Set.of("node-1", "node-2")));
  }

  @Test
  void loadBalancerSourceRangesRefuseOtherClients() throws Exception {
    readyNode("node-1", "127.0.10.1");
    Service web = create(ServiceSpec.newBuilder().addLoadBalancerSourceRanges("127.0.0.2/32"), "ranged");
    serve("127.0.10.1", web.getSpec().getPorts(0).getNodePort(), "node-1", null);
    String ip = awaitIp("ranged");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> getFrom("127.0.0.2", ip).endsWith("node-1"));
    String refused;
    try {
      refused = getFrom("127.0.0.3", ip);
    } catch (IOException e) {
      refused = "";
    }
    assertThat(refused).isEmpty();
  }

  @Test
  void udpDatagramsGoToTheNodePortAndRepliesComeBack() throws Exception {
    readyNode("node-1", "127.0.10.1");
    Service dns = services.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("udp"))
        .setSpec(ServiceSpec.newBuilder().setType("LoadBalancer").addPorts(ServicePort.newBuilder().setPort(8053)
            .setProtocol("UDP").setTargetPort(IntOrString.newBuilder().setNumber(53)))).build());
    int nodePort = dns.getSpec().getPorts(0).getNodePort();
    java.net.DatagramSocket echo = new java.net.DatagramSocket(new InetSocketAddress("127.0.10.1", nodePort));
    Thread t = new Thread(() -> {
      byte[] buf = new byte[1500];
      while (!echo.isClosed()) {
        try {
          java.net.DatagramPacket p = new java.net.DatagramPacket(buf, buf.length);
          echo.receive(p);
          byte[] reply = ("echo:" + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
          echo.send(new java.net.DatagramPacket(reply, reply.length, p.getSocketAddress()));
        } catch (IOException e) {
          return;
        }
      }
    });
    t.setDaemon(true);
    t.start();
    try (java.net.DatagramSocket client = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      String ip = awaitIp("udp");
      client.setSoTimeout(500);
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
        byte[] ping = "ping".getBytes(StandardCharsets.UTF_8);
        client.send(new java.net.DatagramPacket(ping, ping.length, new InetSocketAddress(ip, 8053)));
        java.net.DatagramPacket reply = new java.net.DatagramPacket(new byte[1500], 1500);
        client.receive(reply);
        assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)).isEqualTo("echo:ping");
        assertThat(((InetSocketAddress) reply.getSocketAddress()).getAddress().getHostAddress()).isEqualTo(ip);
      });
    } finally {
      echo.close();
    }
  }

  @Test
  void withoutNodePortsTheBalancerTargetsReadyEndpoints() throws Exception {
    Service web = services.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("direct"))
        .setSpec(ServiceSpec.newBuilder().setType("LoadBalancer").setAllocateLoadBalancerNodePorts(false)
            .addPorts(ServicePort.newBuilder().setName("http").setPort(8090)
                .setTargetPort(IntOrString.newBuilder().setNumber(8080)))).build());
    assertThat(web.getSpec().getPorts(0).getNodePort()).isZero();
    String podIp = "127.244." + octet + ".5";
    serve(podIp, 8080, "pod-direct", null);
    new ResourceClient<>(api.channel(), ResourceKinds.ENDPOINT_SLICES).create(io.svclab.api.v1.EndpointSlice.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("direct-abc").setNamespace("default")
            .putLabels("kubernetes.io/service-name", "direct"))
        .setAddressType("IPv4")
        .addEndpoints(io.svclab.api.v1.Endpoint.newBuilder().addAddresses(podIp)
            .setConditions(io.svclab.api.v1.EndpointConditions.newBuilder().setReady(true)))
        .addPorts(io.svclab.api.v1.EndpointSlicePort.newBuilder().setName("http").setProtocol("TCP").setPort(8080))
        .build());
    String ip = awaitIp("direct");
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> bodies(ip, 3).equals(Set.of("pod-direct")));
  }

  String metrics() throws Exception {
    return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create("http://127.0.0.1:" + admin + "/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString()).body();
  }

  static String getFrom(String source, String ip) throws IOException {
    return getFrom(source, ip, "/");
  }

  static String getFrom(String source, String ip, String path) throws IOException {
    try (Socket s = new Socket()) {
      s.bind(new InetSocketAddress(source, 0));
      s.connect(new InetSocketAddress(ip, 8090), 1000);
      s.setSoTimeout(2000);
      s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
