package io.svclab.e2e.cloudlb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.NodeStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.api.v1.IntOrString;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.ComponentProcess;
import io.svclab.e2e.harness.Lab;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9's acceptance against a real apiserver and a real cloud-lb process. */
class CloudLbTest {
  static final String FINALIZER = "service.kubernetes.io/load-balancer-cleanup";

  @TempDir Path dir;
  ApiServerProcess api;
  ComponentProcess lb;
  ResourceClient<Service> services;
  ResourceClient<Event> events;
  ResourceClient<Node> nodes;
  final List<AutoCloseable> closers = new ArrayList<>();
  /** A third octet of our own, so parallel runs do not share pool addresses. */
  final int octet = ThreadLocalRandom.current().nextInt(20, 250);

  void start(String pool) throws Exception {
    api = new ApiServerProcess(dir).start();
    services = new ResourceClient<>(api.channel(), ResourceKinds.SERVICES);
    events = new ResourceClient<>(api.channel(), ResourceKinds.EVENTS);
    nodes = new ResourceClient<>(api.channel(), ResourceKinds.NODES);
    lb = startLb(pool);
  }

  ComponentProcess startLb(String pool) throws Exception {
    int admin = Lab.freePort();
    ComponentProcess p = new ComponentProcess("cloud-lb", "io.svclab.cloudlb.CloudLbMain",
        List.of("--api", api.target(), "--pool", pool, "--admin-port", Integer.toString(admin)), dir,
        "http://127.0.0.1:" + admin + "/readyz").start();
    var leases = new ResourceClient<>(api.channel(), ResourceKinds.LEASES);
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      try {
        return !leases.get("kube-system", "svclab-cloud-lb").getSpec().getHolderIdentity().isEmpty();
      } catch (RuntimeException e) {
        return false;
      }
    });
    return p;
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : closers) c.close();
    if (lb != null) {
      Files.copy(lb.logFile(), Path.of("target", "cloud-lb-last.log"), StandardCopyOption.REPLACE_EXISTING);
      lb.close();
    }
    if (api != null) api.close();
  }

  Service createLb(String name, int port) {
    return services.create(Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(name))
        .setSpec(ServiceSpec.newBuilder().setType("LoadBalancer")
            .addPorts(ServicePort.newBuilder().setName("http").setPort(port).setTargetPort(IntOrString.newBuilder().setNumber(80))))
        .build());
  }

  Optional<String> ingressIp(String name) {
    Service s = services.get("default", name);
    return s.getStatus().getLoadBalancer().getIngressList().stream().map(i -> i.getIp()).filter(ip -> !ip.isEmpty()).findFirst();
  }

  List<Event> eventsOf(String name) {
    return events.listItems("default", "").stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name) && e.getInvolvedObject().getKind().equals("Service"))
        .sorted(java.util.Comparator.comparing((Event e) -> e.getFirstTimestamp().getSeconds())
            .thenComparing(e -> e.getFirstTimestamp().getNanos()))
        .toList();
  }

  List<String> reasons(String name) {
    return eventsOf(name).stream().map(Event::getReason).toList();
  }

  @Test
  void loadBalancerServiceGetsAnIpAndGivesItBackOnDelete() throws Exception {
    start("127.100." + octet + ".0/29");
    long t0 = System.nanoTime();
    createLb("web", 8080);
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() -> ingressIp("web").isPresent());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    Service web = services.get("default", "web");
    assertThat(ingressIp("web")).contains("127.100." + octet + ".1");
    assertThat(web.getStatus().getLoadBalancer().getIngress(0).getIpMode()).isEqualTo("VIP");
    assertThat(web.getStatus().getLoadBalancer().getIngress(0).getPorts(0).getPort()).isEqualTo(8080);
    assertThat(web.getMetadata().getFinalizersList()).contains(FINALIZER);
    await().atMost(Duration.ofSeconds(60)).until(() -> reasons("web").contains("EnsuredLoadBalancer"));
    List<Event> ev = eventsOf("web");
    assertThat(ev).extracting(Event::getReason).containsSubsequence("EnsuringLoadBalancer", "EnsuredLoadBalancer");
    assertThat(ev).allSatisfy(e -> {
      assertThat(e.getSource().getComponent()).isEqualTo("service-controller");
      assertThat(e.getReportingComponent()).isEqualTo("service-controller");
    });
    assertThat(ev.get(0).getMessage()).isEqualTo("Ensuring load balancer");
    System.out.println("LoadBalancer IP after " + ms + " ms");

    // the listener is up on ip:8080 (no Ready nodes: accepted, then closed)
    String ip = ingressIp("web").orElseThrow();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(ip, 8080), 10_000);
      }
    });

    services.delete("default", "web");
    await().atMost(Duration.ofSeconds(60)).until(() -> services.listItems("default", "").stream()
        .noneMatch(s -> s.getMetadata().getName().equals("web")));
    await().atMost(Duration.ofSeconds(60)).until(() -> reasons("web").contains("DeletedLoadBalancer"));
    assertThat(reasons("web")).containsSubsequence("DeletingLoadBalancer", "DeletedLoadBalancer");
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(ip, 8080), 500);
        return false;
      } catch (java.io.IOException e) {
        return true; // listener closed
      }
    });
    // the IP is back in the pool
    createLb("web2", 8080);
    await().atMost(Duration.ofSeconds(60)).until(() -> ingressIp("web2").isPresent());
    assertThat(ingressIp("web2")).contains(ip);
  }

  @Test
  void exhaustedPoolLeavesTheThirdPendingUntilAnIpFrees() throws Exception {
    String pool = "127.100." + octet + ".0/30";
    start(pool);
    createLb("a", 8081);
    createLb("b", 8081);
    await().atMost(Duration.ofSeconds(60)).until(() -> ingressIp("a").isPresent() && ingressIp("b").isPresent());
    createLb("c", 8081);
    await().atMost(Duration.ofSeconds(60)).until(() -> reasons("c").contains("SyncLoadBalancerFailed"));
    Event warning = eventsOf("c").stream().filter(e -> e.getReason().equals("SyncLoadBalancerFailed")).findFirst().orElseThrow();
    assertThat(warning.getType()).isEqualTo("Warning");
    assertThat(warning.getMessage())
        .isEqualTo("Error syncing load balancer: failed to ensure load balancer: no free IP in pool " + pool);
    assertThat(ingressIp("c")).isEmpty();
    assertThat(services.get("default", "c").getMetadata().getFinalizersList()).contains(FINALIZER);

    String freed = ingressIp("a").orElseThrow();
    services.delete("default", "a");
    await().atMost(Duration.ofSeconds(60)).until(() -> ingressIp("c").isPresent());
    assertThat(ingressIp("c")).contains(freed);
    // the event is written after the status: wait for it rather than expect it already there
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(reasons("c")).endsWith("EnsuredLoadBalancer"));
  }

  @Test
  void balancerForwardsToTheReadyNodesNodePortAndRestartKeepsTheIp() throws Exception {
    start("127.100." + octet + ".0/29");
    String nodeIp = "127.0.10.1";
    nodes.create(Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1")).build());
    Node n = nodes.get("", "node-1");
    nodes.updateStatus(n.toBuilder().setStatus(NodeStatus.newBuilder()
        .addAddresses(NodeAddress.newBuilder().setType("InternalIP").setAddress(nodeIp))
        .addConditions(NodeCondition.newBuilder().setType("Ready").setStatus("True"))).build());

    Service web = createLb("web", 8082);
    int nodePort = web.getSpec().getPorts(0).getNodePort();
    assertThat(nodePort).isBetween(30000, 32767);
    HttpServer nodeProxy = HttpServer.create(new InetSocketAddress(nodeIp, nodePort), 0);
    nodeProxy.createContext("/", ex -> {
      byte[] body = ("hello from node-1 via " + ex.getLocalAddress().getPort()).getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(body);
      }
    });
    nodeProxy.start();
    closers.add(() -> nodeProxy.stop(0));

    await().atMost(Duration.ofSeconds(60)).until(() -> ingressIp("web").isPresent());
    String ip = ingressIp("web").orElseThrow();
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
        assertThat(get(ip, 8082)).contains("hello from node-1 via " + nodePort));
    for (int i = 0; i < 5; i++) {
      assertThat(get(ip, 8082)).contains("hello from node-1");
    }

    // restart: the IP stays, and the balancer is back on it
    long stopping = System.nanoTime();
    assertThat(lb.stop()).as("cloud-lb exit code on SIGTERM").isIn(0, 143);
    System.out.println("cloud-lb stopped on SIGTERM in " + (System.nanoTime() - stopping) / 1_000_000 + " ms");
    lb = startLb("127.100." + octet + ".0/29");
    createLb("other", 8082); // would take .1 if the restart had forgotten web's IP
    await().atMost(Duration.ofSeconds(60)).until(() -> ingressIp("other").isPresent());
    assertThat(ingressIp("web")).contains(ip);
    assertThat(ingressIp("other")).isNotEqualTo(Optional.of(ip));
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
        assertThat(get(ip, 8082)).contains("hello from node-1"));
  }

  @Test
  void typeChangedAwayFromLoadBalancerReleasesTheIp() throws Exception {
    start("127.100." + octet + ".0/29");
    createLb("web", 8083);
    await().atMost(Duration.ofSeconds(60)).until(() -> ingressIp("web").isPresent());
    String ip = ingressIp("web").orElseThrow();

    Service web = services.get("default", "web");
    ServiceSpec.Builder spec = web.getSpec().toBuilder().setType("ClusterIP").clearAllocateLoadBalancerNodePorts()
        .clearExternalTrafficPolicy().setHealthCheckNodePort(0);
    for (int i = 0; i < spec.getPortsCount(); i++) {
      spec.setPorts(i, spec.getPorts(i).toBuilder().setNodePort(0));
    }
    services.update(web.toBuilder().setSpec(spec).build());

    await().atMost(Duration.ofSeconds(60)).until(() -> reasons("web").contains("DeletedLoadBalancer"));
    Service after = services.get("default", "web");
    assertThat(after.getMetadata().getFinalizersList()).doesNotContain(FINALIZER);
    assertThat(after.getStatus().getLoadBalancer().getIngressList()).isEmpty();
    createLb("next", 8083);
    await().atMost(Duration.ofSeconds(60)).until(() -> ingressIp("next").isPresent());
    assertThat(ingressIp("next")).contains(ip);
  }

  /** A raw HTTP/1.0 GET over a plain socket: the bytes go through the balancer as they are. */
  static String get(String ip, int port) throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(ip, port), 1000);
      s.setSoTimeout(2000);
      s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + ip + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
