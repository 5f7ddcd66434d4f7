package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.NetnsLab;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19 acceptance 2, 3 and 5 in {@code ./lab up --netns}, in both kernel modes and in userspace
 * mode (node-proxy's listeners in the node's namespace; no rules to read, no kernel trace) (root; where
 * the kernel refuses, the lab's reason is what this fails with). Seed 000's Deployment scaled to 3:
 * three endpoint chains in node 1's rules and real curl from a pod namespace to the ClusterIP
 * reaching all three pods (each nginx logs the curl's marked User-Agent); hairpin (an nginx pod
 * reaching its own Service lands on itself); ClientIP affinity (every request of one client on one
 * pod); a Service without endpoints refuses (curl exit 7, not a timeout); the LoadBalancer IP
 * cloud-lb gives, reached from a pod through kube-proxy's LB rules and from the fabric side (the
 * fabric itself and a client namespace on its bridge) through cloud-lb; UDP DNS through kube-dns's
 * ClusterIP; in the kernel modes externalTrafficPolicy Local from that client (the endpoint's node
 * answers with the client's own address, the other drops) and {@code ./lab trace} shows the mode's
 * chain path down to each endpoint's DNAT.
 */
class NetnsLabServicesTest {
  private static final Pattern IPTABLES_ENDPOINT = Pattern.compile(
      "-A (KUBE-SEP-\\w+) .*--comment \"default/nginx-clusterip-service\" .*-j DNAT --to-destination (10\\.244\\.\\d+\\.\\d+):80");
  private static final Pattern NFT_ENDPOINT = Pattern.compile(
      "chain (endpoint-\\w+-default/nginx-clusterip-service/tcp/__(10\\.244\\.\\d+\\.\\d+)/80) \\{");

  /** Seed 002's NodePort 30001 and LoadBalancer, both externalTrafficPolicy: Local, over one agnhost pod. */
  static final String ETP_LOCAL = "e2e/src/test/resources/client-ip/frontend-etp-local.yaml";
  /** The fabric namespace: the cloud's side of the lab, outside the cluster (cloud-lb runs there). */
  static final String FABRIC = "svclab-fabric";

  @TempDir Path data;

  /** Endpoint chain -> the pod address it DNATs to, for nginx-clusterip-service in {@code rules}. */
  static Map<String, String> endpointChains(String mode, String rules) {
    Matcher m = (mode.equals("nftables") ? NFT_ENDPOINT : IPTABLES_ENDPOINT).matcher(rules);
    Map<String, String> out = new TreeMap<>();
    while (m.find()) out.put(m.group(1), m.group(2));
    return out;
  }

  @ParameterizedTest(name = "--proxy-mode {0}")
  @ValueSource(strings = {"iptables", "nftables", "userspace"})
  void scaledSeedServicesThroughTheKernel(String mode) throws Exception {
    try (LabProcess lab = LabProcess.up(data, "--netns", "--proxy-mode", mode)) {
      try {
        checks(lab, mode);
      } finally {
        // the namespaces' names are global: leave none for the next mode's lab, pass or fail
        NetnsLab.removeFabricClient();
        Shell.Result down = NetnsLab.sh("./lab down --data " + data);
        System.out.println(down.stdout() + down.stderr());
        lab.process().waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
    assertThat(NetnsLab.labNamespaces()).isEmpty();
  }

  private void checks(LabProcess lab, String mode) throws Exception {
    {
      lab.awaitLine("svclab is up in", 300);
      Shell.Result applied = NetnsLab.sh("./lab apply -f cli/src/main/resources/demos/seed-000/"
          + " -f e2e/src/test/resources/trace/nginx-typo-service.yaml -f e2e/src/test/resources/netns/nginx-sticky-service.yaml"
          + " -f " + ETP_LOCAL);
      assertThat(applied.exitCode()).as(applied.stdout() + applied.stderr()).isZero();
      // the workload controller may write the new Deployment's status in between: a Conflict, tried again
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        Shell.Result scaled = NetnsLab.sh("./lab scale deployment nginx-deployment --replicas=3");
        assertThat(scaled.exitCode()).as(scaled.stdout() + scaled.stderr()).isZero();
      });

      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:6443");
      try {
        ResourceClient<Pod> pods = new ResourceClient<>(channel, ResourceKinds.PODS);
        ResourceClient<Service> services = new ResourceClient<>(channel, ResourceKinds.SERVICES);
        // three nginx pods with addresses, and node 1's rules DNAT to exactly those three
        Map<String, Pod> nginx = new TreeMap<>();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          nginx.clear();
          for (Pod p : pods.listItems("default", "app=nginx")) {
            if (!p.getStatus().getPodIp().isEmpty() && !p.getMetadata().hasDeletionTimestamp()) {
              nginx.put(p.getMetadata().getName(), p);
            }
          }
          assertThat(nginx).hasSize(3);
          if (mode.equals("userspace")) return;  // node-proxy's own listeners: no rules to read
          Map<String, String> chains = endpointChains(mode, NetnsLab.rules("node-1", mode));
          assertThat(chains).hasSize(3);
          assertThat(new TreeSet<>(chains.values()))
              .isEqualTo(nginx.values().stream().map(p -> p.getStatus().getPodIp()).collect(Collectors.toCollection(TreeSet::new)));
        });
        Pod client = await().atMost(Duration.ofSeconds(120)).until(() -> pods.get("default", "curl-pod"),
            p -> !p.getStatus().getPodIp().isEmpty());
        String clientNs = NetnsLab.podNamespace(client);
        String clusterIp = services.get("default", "nginx-clusterip-service").getSpec().getClusterIp();
        assertThat(clusterIp).startsWith("10.96.");

        // scale to 3: one client's requests reach all three pods (bounded: 3 endpoints, 90 tries)
        String spread = "svclab-spread-" + mode;
        for (int i = 0; i < 90 && NetnsLab.podsLogging(data, spread).size() < 3; i++) {
          Shell.Result r = NetnsLab.curlIn(clientNs, "-A " + spread + " http://" + clusterIp + "/");
          assertThat(r.stdout()).as(r.stderr()).contains("<title>Welcome to nginx!</title>");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(NetnsLab.podsLogging(data, spread).keySet()).isEqualTo(nginx.keySet()));

        // hairpin: an nginx pod curling its own Service, until the answer comes from itself
        Pod self = nginx.values().iterator().next();
        String hairpin = "svclab-hairpin-" + mode;
        for (int i = 0; i < 90 && !NetnsLab.podsLogging(data, hairpin).containsKey(self.getMetadata().getName()); i++) {
          Shell.Result r = NetnsLab.curlIn(NetnsLab.podNamespace(self), "-A " + hairpin + " http://" + clusterIp + "/");
          assertThat(r.stdout()).as(r.stderr()).contains("<title>Welcome to nginx!</title>");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(NetnsLab.podsLogging(data, hairpin)).containsKey(self.getMetadata().getName()));

        // ClientIP affinity: ten requests of one client, one pod serves them all
        String stickyIp = services.get("default", "nginx-sticky-service").getSpec().getClusterIp();
        String sticky = "svclab-sticky-" + mode;
        for (int i = 0; i < 10; i++) {
          Shell.Result r = NetnsLab.curlIn(clientNs, "-A " + sticky + " http://" + stickyIp + "/");
          assertThat(r.stdout()).as(r.stderr()).contains("<title>Welcome to nginx!</title>");
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
            assertThat(NetnsLab.podsLogging(data, sticky).values()).containsExactly(10));

        // no endpoints: refused at once (kube-proxy's REJECT), not dropped
        String typoIp = services.get("default", "nginx-typo-service").getSpec().getClusterIp();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          Shell.Result refused = NetnsLab.curlIn(clientNs, "http://" + typoIp + "/");
          assertThat(refused.exitCode()).as(refused.stderr()).isEqualTo(7);
        });

        // the LoadBalancer IP from cloud-lb's pool, reached from a pod through kube-proxy's LB rules
        Service lb = await().atMost(Duration.ofSeconds(120)).until(() -> services.get("default", "nginx-loadbalancer-service"),
            s -> s.getStatus().getLoadBalancer().getIngressCount() > 0);
        String lbIp = lb.getStatus().getLoadBalancer().getIngress(0).getIp();
        assertThat(lbIp).matches("172\\.18\\.0\\.2[0-5]\\d");
        if (!mode.equals("userspace")) {
          assertThat(NetnsLab.rules("node-1", mode)).contains(mode.equals("nftables")
              ? lbIp + " . tcp . 80 : goto external-"
              : "-d " + lbIp + "/32 -p tcp -m comment --comment \"default/nginx-loadbalancer-service loadbalancer IP\"");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          Shell.Result viaLb = NetnsLab.curlIn(clientNs, "http://" + lbIp + "/");
          assertThat(viaLb.stdout()).as(viaLb.stderr()).contains("<title>Welcome to nginx!</title>");
        });

        // UDP DNS through kube-dns's ClusterIP (the dns-server in node 1's namespace behind it)
        long added = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
          Shell.Result dig = NetnsLab.sh("ip netns exec " + clientNs + " dig +short +notcp +time=2 +tries=1 @10.96.0.10"
              + " nginx-clusterip-service.default.svc.cluster.local A");
          assertThat(dig.stdout().strip()).as(dig.stderr()).isEqualTo(clusterIp);
        });

        // from the fabric side (outside the cluster), an LB IP is cloud-lb's: its listener in the
        // fabric forwards to a node's NodePort (the pool is local to the fabric, which answers a
        // client's ARP for it on br0)
        NetnsLab.addFabricClient();
        for (String outside : List.of(FABRIC, NetnsLab.FABRIC_CLIENT)) {
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Shell.Result viaCloud = NetnsLab.curlIn(outside, "http://" + lbIp + "/");
            assertThat(viaCloud.stdout()).as(outside + ": " + viaCloud.stderr()).contains("<title>Welcome to nginx!</title>");
          });
        }

        if (!mode.equals("userspace")) externalTrafficPolicyLocal(pods, services, channel);
        System.out.printf("--proxy-mode %s: DNS, fabric-side LB and ETP Local checks took %d ms%n", mode,
            (System.nanoTime() - added) / 1_000_000);
        if (mode.equals("userspace")) return;

        // ./lab trace: the kernel path in this mode's own words, down to each pod's DNAT
        Shell.Result trace = Shell.run("./lab trace " + clusterIp + ":80", 60);
        System.out.println("$ ./lab trace " + clusterIp + ":80\n" + trace.stdout() + trace.stderr());
        assertThat(trace.stdout()).contains("Kernel path", mode.equals("nftables")
            ? "map service-ips: " + clusterIp + " . tcp . 80 : goto service-"
            : "-A KUBE-SERVICES -d " + clusterIp + "/32 -p tcp -m comment --comment \"default/nginx-clusterip-service cluster IP\"");
        assertThat(trace.stdout()).contains("(outside 10.244.0.0/16)");
        for (Pod p : nginx.values()) {
          assertThat(trace.stdout()).contains((mode.equals("nftables") ? "dnat to " : "--to-destination ")
              + p.getStatus().getPodIp() + ":80");
        }
      } finally {
        channel.shutdownNow();
      }
    }
  }

  /**
   * ETP Local from a client on the fabric: the NodePort of the node holding the only endpoint answers
   * and agnhost sees the client's own address (not masqueraded); the other node drops (no answer, no
   * refusal: kube-proxy's "has no local endpoints" DROP); the LB IP through cloud-lb reaches the pod.
   */
  private void externalTrafficPolicyLocal(ResourceClient<Pod> pods, ResourceClient<Service> services, ManagedChannel channel)
      throws Exception {
    Pod front = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() ->
        pods.listItems("service-demo", "app=frontend").stream().filter(NetnsLabServicesTest::ready).findFirst().orElse(null),
        p -> p != null);
    Map<String, String> nodeIps = new TreeMap<>();
    for (Node n : new ResourceClient<>(channel, ResourceKinds.NODES).listItems("", "")) {
      nodeIps.put(n.getMetadata().getName(), n.getStatus().getAddressesList().stream()
          .filter(a -> a.getType().equals("InternalIP")).findFirst().orElseThrow().getAddress());
    }
    assertThat(nodeIps).hasSize(2);
    String withEndpoint = nodeIps.remove(front.getSpec().getNodeName());
    String without = nodeIps.values().iterator().next();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Shell.Result r = NetnsLab.curlIn(NetnsLab.FABRIC_CLIENT, "http://" + withEndpoint + ":30001/clientip");
      assertThat(r.stdout()).as(r.stderr()).matches(Pattern.quote(NetnsLab.FABRIC_CLIENT_IP) + ":\\d+");
    });
    // the other node answers the client (seed 000's NodePort, policy Cluster), so what follows is the policy's drop
    Shell.Result reachable = NetnsLab.curlIn(NetnsLab.FABRIC_CLIENT, "http://" + without + ":30080/");
    assertThat(reachable.stdout()).as(reachable.stderr()).contains("<title>Welcome to nginx!</title>");
    // until the other node has the endpoint it refuses (exit 7, no endpoints at all); then it drops (exit 28)
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Shell.Result r = NetnsLab.sh("ip netns exec " + NetnsLab.FABRIC_CLIENT + " curl -sS -m 3 http://" + without + ":30001/clientip");
      assertThat(r.exitCode()).as(r.stdout() + r.stderr()).isEqualTo(28);
    });
    System.out.printf("ETP Local from %s: %s:30001 -> /clientip %s; %s:30001 dropped%n", NetnsLab.FABRIC_CLIENT_IP, withEndpoint,
        NetnsLab.curlIn(NetnsLab.FABRIC_CLIENT, "http://" + withEndpoint + ":30001/clientip").stdout(), without);

    Service lb = await().atMost(Duration.ofSeconds(120)).until(() -> services.get("service-demo", "frontend-loadbalancer"),
        s -> s.getStatus().getLoadBalancer().getIngressCount() > 0);
    String lbIp = lb.getStatus().getLoadBalancer().getIngress(0).getIp();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Shell.Result r = NetnsLab.curlIn(NetnsLab.FABRIC_CLIENT, "http://" + lbIp + "/hostname");
      assertThat(r.stdout()).as(r.stderr()).isEqualTo(front.getMetadata().getName());
    });
  }

  static boolean ready(Pod p) {
    return p.getStatus().getConditionsList().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }
}
