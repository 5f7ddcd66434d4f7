package io.svclab.e2e.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.client.resource.ResourceClient;
import io.svclab.e2e.harness.ComponentProcess;
import io.svclab.net.testing.NetNamespace;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19's acceptance 3 against node-proxy's kernel modes (root), in namespaces this test makes:
 * a node namespace (node-proxy runs there, {@code ip_forward} on) with a bridge {@code cbr0}
 * 10.244.1.1/24 as the CNI bridge plugin wires it, two pod namespaces on it (10.244.1.2, .3,
 * default route via the bridge) whose server answers "name client-address" over HTTP and UDP, and
 * a client namespace outside the cluster (192.168.50.2) on a veth to the node address
 * 192.168.50.1 (also the node's default route). Every path goes through the kernel's rules only: nothing listens on a ClusterIP
 * or NodePort. ClientIP affinity, externalTrafficPolicy Local (client address preserved; dropped
 * on a node without a local endpoint), no endpoints (connection refused), UDP through a ClusterIP,
 * hairpin (a pod reaching its own Service lands on itself, masqueraded). All namespaces are
 * removed at the end, on failure too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelProxyAcceptanceTest {
  static final String NODE = "node-1";
  static final String NODE_IP = "192.168.50.1";
  static final String CLIENT_IP = "192.168.50.2";
  static final String BRIDGE_IP = "10.244.1.1";
  static final String POD_1 = "10.244.1.2";
  static final String POD_2 = "10.244.1.3";

  Path dir;
  KernelTestApi api;
  ResourceClient<Service> services;
  ResourceClient<EndpointSlice> slices;

  @BeforeAll
  void start(@TempDir Path tempDir) throws Exception {
    dir = tempDir;
    api = KernelTestApi.start(dir);
    services = api.services();
    slices = api.slices();
    for (String script : List.of("backend.py", "udp-ask.py")) {
      try (InputStream in = getClass().getResourceAsStream("/kernel/" + script)) {
        Files.copy(in, dir.resolve(script), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  @AfterAll
  void stop() throws Exception {
    if (api != null) api.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"iptables", "nftables"})
  void acceptance3(String mode) throws Exception {
    List<NetNamespace> made = new ArrayList<>();
    List<Runnable> deletions = new ArrayList<>();
    ComponentProcess proxy = null;
    try {
      NetNamespace node = track(made, NetNamespace.create("svclab-acc-node"));
      NetNamespace pod1 = track(made, NetNamespace.create("svclab-acc-pod"));
      NetNamespace pod2 = track(made, NetNamespace.create("svclab-acc-pod"));
      NetNamespace client = track(made, NetNamespace.create("svclab-acc-client"));
      wire(node, pod1, pod2, client);
      pod1.start(dir.resolve(mode + "-backend-1.log"), "python3", dir.resolve("backend.py").toString(), "backend-1", POD_1);
      pod2.start(dir.resolve(mode + "-backend-2.log"), "python3", dir.resolve("backend.py").toString(), "backend-2", POD_2);

      proxy = new ComponentProcess("node-proxy-acc-" + mode, "io.svclab.proxy.NodeProxyMain",
          List.of("--api", api.target(), "--node-name", NODE, "--node-ip", NODE_IP,
              "--cluster-cidr", "10.244.0.0/16", "--proxy-mode", mode, "--min-sync-period", "100ms",
              "--sync-period", "5s", "--healthz-port", "10256"),
          dir, node.prefixed(List.of()), () -> answers(node, "http://" + NODE_IP + ":10256/healthz"));
      proxy.start();

      String p = mode.substring(0, 3) + "-";
      Service sticky = service(p + "sticky", "ClusterIP", s -> s.setSessionAffinity("ClientIP"), deletions,
          endpoint(POD_1, NODE), endpoint(POD_2, NODE));
      Service local = service(p + "local", "NodePort", s -> s.setExternalTrafficPolicy("Local"), deletions,
          endpoint(POD_1, NODE));
      Service remote = service(p + "remote", "NodePort", s -> s.setExternalTrafficPolicy("Local"), deletions,
          endpoint(POD_2, "node-2"));
      Service empty = service(p + "empty", "ClusterIP", s -> { }, deletions);
      Service udp = udpService(p + "udp", deletions, endpoint(POD_2, NODE));
      Service hairpin = service(p + "hairpin", "ClusterIP", s -> { }, deletions, endpoint(POD_1, NODE));

      // ClientIP affinity: every request from the client lands on the backend the first one chose
      String stickyUrl = "http://" + ip(sticky) + "/";
      String first = await("the sticky Service answering").atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200)).until(() -> curl(client, stickyUrl), r -> r.ok()).stdout();
      Set<String> chosen = new HashSet<>();
      for (int i = 0; i < 12; i++) chosen.add(name(curl(client, stickyUrl).stdout()));
      assertThat(chosen).as("backends answering the sticky Service after " + first).containsExactly(name(first));

      // ETP Local: the NodePort reaches the local endpoint with the client's own address
      String localUrl = "http://" + NODE_IP + ":" + nodePort(local) + "/";
      await("the local NodePort").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertThat(curl(client, localUrl).stdout()).isEqualTo("backend-1 " + CLIENT_IP));

      // ETP Local on a node without a local endpoint: NodePort traffic is dropped (a timeout, not a refusal),
      // while the ClusterIP (traffic policy Cluster) still reaches the remote endpoint
      await("the remote ClusterIP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertThat(name(curl(pod1, "http://" + ip(remote) + "/").stdout())).isEqualTo("backend-2"));
      String remoteUrl = "http://" + NODE_IP + ":" + nodePort(remote) + "/";
      await("the remote NodePort dropped").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> {
            NetNamespace.Result r = client.exec(null, "curl", "-sS", "--max-time", "2", remoteUrl);
            assertThat(r.exitCode()).as("curl's exit status 28 (timed out): " + r.stderr()).isEqualTo(28);
          });

      // no endpoints: the kernel rejects, as from a pod
      await("connection refused").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> {
            NetNamespace.Result r = pod1.exec(null, "curl", "-sS", "-v", "--max-time", "5", "http://" + ip(empty) + "/");
            assertThat(r.exitCode()).as("curl's exit status 7: " + r.stderr()).isEqualTo(7);
            assertThat(r.stderr()).contains("Connection refused");
          });

      // UDP through a ClusterIP, from a pod: answered by the endpoint, which sees the pod's own address
      await("UDP through the ClusterIP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertThat(pod1.exec(null, "python3", dir.resolve("udp-ask.py").toString(), ip(udp), "53")
              .stdout()).isEqualTo("backend-2 " + POD_1));

      // hairpin: backend-1 reaching its own Service lands on itself, masqueraded to the node's bridge address
      await("hairpin").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertThat(curl(pod1, "http://" + ip(hairpin) + "/").stdout())
              .isEqualTo("backend-1 " + BRIDGE_IP));
    } finally {
      if (proxy != null) {
        proxy.close();
        Files.copy(proxy.logFile(), Path.of("target", proxy.logFile().getFileName().toString()),
            StandardCopyOption.REPLACE_EXISTING);
      }
      deletions.forEach(Runnable::run);
      for (NetNamespace ns : made) ns.close();
    }
  }

  static NetNamespace track(List<NetNamespace> made, NetNamespace ns) {
    made.add(ns);
    return ns;
  }

  /** The bridge and the pods' veths, the client's veth to the node address, and forwarding on the node. */
  static void wire(NetNamespace node, NetNamespace pod1, NetNamespace pod2, NetNamespace client) throws Exception {
    node.execOrFail(null, "sysctl", "-qw", "net.ipv4.ip_forward=1");
    node.execOrFail(null, "ip", "link", "add", "cbr0", "type", "bridge");
    node.execOrFail(null, "ip", "addr", "add", BRIDGE_IP + "/24", "dev", "cbr0");
    node.execOrFail(null, "ip", "link", "set", "cbr0", "up");
    int i = 0;
    for (NetNamespace pod : List.of(pod1, pod2)) {
      String hostSide = "veth" + i;
      String podIp = i == 0 ? POD_1 : POD_2;
      node.execOrFail(null, "ip", "link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", pod.name);
      node.execOrFail(null, "ip", "link", "set", hostSide, "master", "cbr0");
      node.execOrFail(null, "ip", "link", "set", hostSide, "type", "bridge_slave", "hairpin", "on");
      node.execOrFail(null, "ip", "link", "set", hostSide, "up");
      pod.execOrFail(null, "ip", "addr", "add", podIp + "/24", "dev", "eth0");
      pod.execOrFail(null, "ip", "link", "set", "eth0", "up");
      pod.execOrFail(null, "ip", "route", "add", "default", "via", BRIDGE_IP);
      i++;
    }
    node.execOrFail(null, "ip", "link", "add", "ext0", "type", "veth", "peer", "name", "eth0", "netns", client.name);
    node.execOrFail(null, "ip", "addr", "add", NODE_IP + "/24", "dev", "ext0");
    node.execOrFail(null, "ip", "link", "set", "ext0", "up");
    client.execOrFail(null, "ip", "addr", "add", CLIENT_IP + "/24", "dev", "eth0");
    client.execOrFail(null, "ip", "link", "set", "eth0", "up");
    client.execOrFail(null, "ip", "route", "add", "default", "via", NODE_IP);
    // a node has a default route (here: the client's side of the link): a packet to a ClusterIP must be
    // routable for the kernel to reach the FORWARD hook, where the no-endpoints REJECT lives
    node.execOrFail(null, "ip", "route", "add", "default", "via", CLIENT_IP);
  }

  Service service(String name, String type, Consumer<ServiceSpec.Builder> spec, List<Runnable> deletions,
      io.svclab.api.v1.Endpoint... endpoints) {
    ServiceSpec.Builder b = ServiceSpec.newBuilder().setType(type).addPorts(ServicePort.newBuilder().setName("http")
        .setProtocol("TCP").setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(8080)));
    spec.accept(b);
    return create(name, b, "TCP", 8080, deletions, endpoints);
  }

  Service udpService(String name, List<Runnable> deletions, io.svclab.api.v1.Endpoint... endpoints) {
    ServiceSpec.Builder b = ServiceSpec.newBuilder().setType("ClusterIP").addPorts(ServicePort.newBuilder()
        .setName("http").setProtocol("UDP").setPort(53).setTargetPort(IntOrString.newBuilder().setNumber(5353)));
    return create(name, b, "UDP", 5353, deletions, endpoints);
  }

  private Service create(String name, ServiceSpec.Builder spec, String protocol, int port, List<Runnable> deletions,
      io.svclab.api.v1.Endpoint... endpoints) {
    Service svc = services.create(Service.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(name)).setSpec(spec).build());
    deletions.add(() -> services.delete("default", name));
    if (endpoints.length > 0) {
      slices.create(EndpointSlice.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(name + "-acc")
              .putLabels("kubernetes.io/service-name", name))
          .setAddressType("IPv4")
          .addPorts(EndpointSlicePort.newBuilder().setName("http").setProtocol(protocol).setPort(port))
          .addAllEndpoints(List.of(endpoints)).build());
      deletions.add(() -> slices.delete("default", name + "-acc"));
    }
    return svc;
  }

  static io.svclab.api.v1.Endpoint endpoint(String ip, String nodeName) {
    return io.svclab.api.v1.Endpoint.newBuilder().addAddresses(ip).setNodeName(nodeName)
        .setConditions(EndpointConditions.newBuilder().setReady(true).setServing(true).setTerminating(false)).build();
  }

  static String ip(Service svc) {
    return svc.getSpec().getClusterIp();
  }

  static int nodePort(Service svc) {
    return svc.getSpec().getPorts(0).getNodePort();
  }

  /** The backend's name from its "name address" answer. */
  static String name(String answer) {
    return answer.split(" ")[0];
  }

  static NetNamespace.Result curl(NetNamespace ns, String url) throws Exception {
    return ns.exec(null, "curl", "-sS", "--max-time", "5", url);
  }

  static boolean answers(NetNamespace ns, String url) {
    try {
      return ns.exec(null, "curl", "-sf", "-o", "/dev/null", "--max-time", "1", url).ok();
    } catch (Exception e) {
      return false;
    }
  }
}
