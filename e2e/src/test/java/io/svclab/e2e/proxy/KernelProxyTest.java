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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * node-proxy's kernel modes for real (root): a real apiserver, and node-proxy {@code --proxy-mode
 * iptables} / {@code nftables} started with {@code ip netns exec} inside a network namespace the
 * test creates (reaching the apiserver over its Unix socket, which crosses namespaces). The
 * namespace has an interface (one end of a veth pair) with the node address and pod addresses, and python's
 * http.server on each pod address answers with its own name. Traffic to the ClusterIP from inside
 * the namespace reaches a backend only through the kernel's DNAT: nothing listens on the
 * ClusterIP. Every namespace is removed at the end, on failure too; nothing is added to the
 * namespace the test runs in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelProxyTest {
  static final String NODE = "node-1";
  static final String NODE_IP = "10.0.0.1";
  static final String POD_1 = "10.244.1.2";
  static final String POD_2 = "10.244.1.3";
  static final int HEALTHZ = 10256;

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
  }

  @AfterAll
  void stop() throws Exception {
    if (api != null) api.close();
  }

  @Test
  void iptablesModeProgramsTheKernel() throws Exception {
    servesThroughTheKernel("iptables", new Rules() {
      public String dump(NetNamespace ns) throws Exception {
        return ns.execOrFail(null, "iptables-save", "-t", "nat");
      }

      public void assertClusterIpRule(String dump, Service svc) {
        assertThat(dump).containsPattern("-A KUBE-SERVICES -d " + Pattern.quote(clusterIp(svc)) + "/32 -p tcp -m comment "
            + "--comment \"default/" + svc.getMetadata().getName() + ":http cluster IP\" -m tcp --dport 80 -j KUBE-SVC-");
      }

      public long endpointChains(String dump) {
        return dump.lines().filter(l -> l.startsWith(":KUBE-SEP-")).count();
      }

      public void assertMetrics(String metrics) {
        // the first sync was full, the endpoint changes after it partial, and the kernel refused none
        assertThat(metric(metrics, "kubeproxy_sync_full_proxy_rules_duration_seconds_count")).isPositive();
        assertThat(metric(metrics, "kubeproxy_sync_partial_proxy_rules_duration_seconds_count")).isPositive();
        assertThat(metric(metrics, "kubeproxy_sync_proxy_rules_iptables_restore_failures_total")).isZero();
      }
    });
  }

  @Test
  void nftablesModeProgramsTheKernel() throws Exception {
    servesThroughTheKernel("nftables", new Rules() {
      public String dump(NetNamespace ns) throws Exception {
        return ns.execOrFail(null, "nft", "list", "table", "ip", "kube-proxy");
      }

      public void assertClusterIpRule(String dump, Service svc) {
        assertThat(dump).containsPattern(Pattern.quote(clusterIp(svc)) + " \\. tcp \\. 80 : goto service-\\w+-default/"
            + svc.getMetadata().getName() + "/tcp/http");
      }

      public long endpointChains(String dump) {
        return dump.lines().filter(l -> l.strip().startsWith("chain endpoint-")).count();
      }

      public void assertMetrics(String metrics) {
        assertThat(metric(metrics, "kubeproxy_sync_proxy_rules_nftables_sync_failures_total")).isZero();
      }
    });
  }

  /** How one mode's rules show in the kernel. */
  interface Rules {
    String dump(NetNamespace ns) throws Exception;

    void assertClusterIpRule(String dump, Service svc);

    long endpointChains(String dump);

    /** The mode's own sync metrics on {@code /metrics}. */
    void assertMetrics(String metrics);
  }

  void servesThroughTheKernel(String mode, Rules rules) throws Exception {
    String name = "web-" + mode;
    try (NetNamespace ns = NetNamespace.create("svclab-kproxy")) {
      // a veth pair with both ends in the namespace plays the node's NIC (this kernel has no dummy driver)
      ns.execOrFail(null, "ip", "link", "add", "node0", "type", "veth", "peer", "name", "node0-peer");
      ns.execOrFail(null, "ip", "link", "set", "node0-peer", "up");
      ns.execOrFail(null, "ip", "link", "set", "node0", "up");
      ns.execOrFail(null, "ip", "addr", "add", NODE_IP + "/24", "dev", "node0");
      ns.execOrFail(null, "ip", "addr", "add", POD_1 + "/24", "dev", "node0");
      // the Service range is routed like a real node's default route; the node address is the source
      ns.execOrFail(null, "ip", "route", "add", "10.96.0.0/16", "dev", "node0", "src", NODE_IP);
      backend(ns, POD_1, "backend-1");

      ComponentProcess proxy = new ComponentProcess("node-proxy-" + mode, "io.svclab.proxy.NodeProxyMain",
          List.of("--api", api.target(), "--node-name", NODE, "--node-ip", NODE_IP,
              "--proxy-mode", mode, "--min-sync-period", "100ms", "--sync-period", "5s"),
          dir, ns.prefixed(List.of()), () -> healthy(ns));
      try {
        proxy.start();
        Service svc = services.create(Service.newBuilder()
            .setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(name))
            .setSpec(ServiceSpec.newBuilder().setType("ClusterIP").addPorts(ServicePort.newBuilder().setName("http")
                .setProtocol("TCP").setPort(80).setTargetPort(IntOrString.newBuilder().setNumber(8080))))
            .build());
        String url = "http://" + clusterIp(svc) + ":80/who";
        EndpointSlice slice = slices.create(slice(name, POD_1));

        await("the rules for " + name + " in the namespace").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
              String dump = rules.dump(ns);
              rules.assertClusterIpRule(dump, svc);
              assertThat(rules.endpointChains(dump)).as(dump).isEqualTo(1);
            });
        await("backend-1 through the ClusterIP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(curl(ns, url).stdout()).isEqualTo("backend-1"));

        ns.execOrFail(null, "ip", "addr", "add", POD_2 + "/24", "dev", "node0");
        backend(ns, POD_2, "backend-2");
        slice = slices.update(slice.toBuilder().clearEndpoints().addAllEndpoints(slice(name, POD_1, POD_2)
            .getEndpointsList()).build());
        await("two endpoint chains").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(rules.endpointChains(rules.dump(ns))).isEqualTo(2));
        Set<String> answered = new HashSet<>();
        await("both backends answer").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
            .untilAsserted(() -> {
              for (int i = 0; i < 40 && answered.size() < 2; i++) answered.add(curl(ns, url).stdout());
              assertThat(answered).containsExactlyInAnyOrder("backend-1", "backend-2");
            });

        slices.update(slice.toBuilder().clearEndpoints().build());
        await("connection refused by the no-endpoints rule").atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
              // curl -v names the connect error (its summary line only says "Couldn't connect")
              NetNamespace.Result r = ns.exec(null, "curl", "-sS", "-v", "--max-time", "5", url);
              assertThat(r.exitCode()).as("curl's exit status 7: could not connect; stderr: " + r.stderr()).isEqualTo(7);
              assertThat(r.stderr()).contains("failed: Connection refused");
            });
        // the endpoint chains of the removed endpoints are deleted from the kernel, not left behind
        await("no endpoint chains").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
            .untilAsserted(() -> assertThat(rules.endpointChains(rules.dump(ns))).isZero());
        String metrics = ns.execOrFail(null, "curl", "-sS", "--max-time", "5", "http://" + NODE_IP + ":10249/metrics");
        assertThat(metric(metrics, "kubeproxy_sync_proxy_rules_last_timestamp_seconds")).isPositive();
        rules.assertMetrics(metrics);
        slices.delete("default", name + "-kernel");
        services.delete("default", name);
      } finally {
        proxy.close();
        Files.copy(proxy.logFile(), Path.of("target", proxy.logFile().getFileName().toString()),
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  /** The value of an unlabelled sample in Prometheus text; fails when the metric is missing. */
  static double metric(String metrics, String sample) {
    return metrics.lines().filter(l -> l.startsWith(sample + " ")).map(l -> Double.parseDouble(l.split(" ")[1]))
        .findFirst().orElseThrow(() -> new AssertionError(sample + " is not on /metrics"));
  }

  static String clusterIp(Service svc) {
    return svc.getSpec().getClusterIp();
  }

  static EndpointSlice slice(String service, String... ips) {
    EndpointSlice.Builder b = EndpointSlice.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setNamespace("default").setName(service + "-kernel")
            .putLabels("kubernetes.io/service-name", service))
        .setAddressType("IPv4")
        .addPorts(EndpointSlicePort.newBuilder().setName("http").setProtocol("TCP").setPort(8080));
    for (String ip : ips) {
      b.addEndpoints(io.svclab.api.v1.Endpoint.newBuilder().addAddresses(ip).setNodeName(NODE)
          .setConditions(EndpointConditions.newBuilder().setReady(true).setServing(true).setTerminating(false)));
    }
    return b.build();
  }

  /** python's http.server bound to one pod address, serving a file {@code who} that holds its name. */
  void backend(NetNamespace ns, String ip, String who) throws Exception {
    Path root = Files.createDirectories(dir.resolve(who));
    Files.writeString(root.resolve("who"), who);
    ns.start(dir.resolve(who + ".log"), "python3", "-m", "http.server", "8080", "--bind", ip, "--directory",
        root.toString());
    await(who + " listening").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(curl(ns, "http://" + ip + ":8080/who").stdout()).isEqualTo(who));
  }

  static NetNamespace.Result curl(NetNamespace ns, String url) throws Exception {
    return ns.exec(null, "curl", "-sS", "--max-time", "5", url);
  }

  static boolean healthy(NetNamespace ns) {
    try {
      return ns.exec(null, "curl", "-sf", "-o", "/dev/null", "--max-time", "1",
          "http://" + NODE_IP + ":" + HEALTHZ + "/healthz").ok();
    } catch (Exception e) {
      return false;
    }
  }
}
