package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Pod;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.dns.Dig;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #8's acceptance 1 and 2 on the whole lab (`./lab up`): real {@code dig} against the
 * dns-server on 127.0.0.1:1053 and through node-proxy's kube-dns ClusterIP, and a headless
 * Service over seed 000's nginx Deployment (applied unchanged) following scale and readiness.
 * Its own lab: the answers count every pod with {@code app: nginx}.
 */
class DnsInLabTest {
  static final String KUBERNETES = "kubernetes.default.svc.cluster.local";
  static final String HEADLESS = "nginx-headless.default.svc.cluster.local";
  static final String HEADLESS_YAML = """
      apiVersion: v1
      kind: Service
      metadata:
        name: nginx-headless
      spec:
        clusterIP: None
        selector:
          app: nginx
        ports:
        - name: http
          port: 80
      """;
  /** A pod the test can make unready: nginx's probe on / fails (403) once index.html is gone. */
  static final String PROBED_POD_YAML = """
      apiVersion: v1
      kind: Pod
      metadata:
        name: nginx-probed
        labels:
          app: nginx
      spec:
        containers:
        - name: nginx
          image: nginx:latest
          ports:
          - containerPort: 80
          readinessProbe:
            httpGet:
              path: /
              port: 80
            periodSeconds: 1
            failureThreshold: 1
      """;

  @TempDir Path data;

  static boolean ready(Pod p) {
    return !p.getMetadata().hasDeletionTimestamp() && p.getStatus().getConditionsList().stream()
        .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  static List<String> headlessA() throws Exception {
    return Dig.query("127.0.0.1", 1053, HEADLESS, "A").answers("A").stream().sorted().toList();
  }

  @Test
  void digAnswersTheLabsServicesAndFollowsPodsOfAHeadlessService() throws Exception {
    try (LabProcess lab = LabProcess.up(data)) {
      lab.awaitLine("svclab is up in", 300);
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:6443");
      ResourceClient<Pod> pods = new ResourceClient<>(channel, ResourceKinds.PODS);
      try {
        // 1. the API server's Service, over UDP and TCP, directly and through kube-dns' ClusterIP (node-proxy)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
            assertThat(Dig.query("127.0.0.1", 1053, KUBERNETES, "A").answers("A")).containsExactly("127.96.0.1"));
        Dig tcp = Dig.query("127.0.0.1", 1053, "+tcp", KUBERNETES, "A");
        assertThat(tcp.raw()).contains("(TCP)");
        assertThat(tcp.answers("A")).containsExactly("127.96.0.1");
        assertThat(tcp.flags()).contains("aa");
        // kube-dns' slice (written by the dns-server) reaches the node proxies after a moment
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
            assertThat(Dig.query("127.96.0.10", 53, KUBERNETES, "A").answers("A")).containsExactly("127.96.0.1"));
        Dig viaClusterIpTcp = Dig.query("127.96.0.10", 53, "+tcp", KUBERNETES, "A");
        assertThat(viaClusterIpTcp.raw()).contains("SERVER: 127.96.0.10#53(127.96.0.10) (TCP)");
        assertThat(viaClusterIpTcp.answers("A")).containsExactly("127.96.0.1");

        // 2. seed 000's Deployment, unchanged, and a headless Service over it: one A per ready pod
        Shell.Result applied = Shell.run("./lab apply -f cli/src/main/resources/demos/seed-000/nginx-deployment.yaml", 60);
        assertThat(applied.stdout().trim()).as(applied.stderr()).isEqualTo("deployment.apps/nginx-deployment created");
        Path headless = data.resolve("nginx-headless.yaml");
        Files.writeString(headless, HEADLESS_YAML);
        Shell.Result svc = Shell.run("./lab apply -f " + headless, 60);
        assertThat(svc.stdout().trim()).as(svc.stderr()).isEqualTo("service/nginx-headless created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
          List<String> readyIps = pods.listItems("default", "app=nginx").stream().filter(DnsInLabTest::ready)
              .map(p -> p.getStatus().getPodIp()).sorted().toList();
          assertThat(readyIps).hasSize(2);
          assertThat(headlessA()).isEqualTo(readyIps);
        });
        Dig srv = Dig.query("127.0.0.1", 1053, "_http._tcp." + HEADLESS, "SRV");
        assertThat(srv.answers("SRV")).hasSize(2);

        // scale 2 -> 3: three A records once the third pod is Ready (the lag is printed; ./lab bench dns measures speed)
        Shell.Result scaled = Shell.run("./lab scale deployment nginx-deployment --replicas=3", 60);
        assertThat(scaled.stdout().trim()).as(scaled.stderr()).isEqualTo("deployment.apps/nginx-deployment scaled");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        long thirdReady = -1;
        long threeInDns = -1;
        List<String> readyIps = List.of();
        while (System.nanoTime() < deadline && threeInDns < 0) {
          if (thirdReady < 0) {
            readyIps = pods.listItems("default", "app=nginx").stream().filter(DnsInLabTest::ready)
                .map(p -> p.getStatus().getPodIp()).sorted().toList();
            if (readyIps.size() == 3) thirdReady = System.nanoTime();
          }
          if (headlessA().size() == 3) threeInDns = System.nanoTime();
          Thread.sleep(10);
        }
        assertThat(thirdReady).as("a third nginx pod turned Ready").isPositive();
        assertThat(threeInDns).as("dig showed three A records").isPositive();
        long lagMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(threeInDns - thirdReady));
        System.out.printf("headless Service: 3 A records %d ms after the third pod was seen Ready%n", lagMillis);
        List<String> deploymentIps = readyIps;
        assertThat(headlessA()).isEqualTo(deploymentIps);

        // a pod made unready leaves the answer: one more app=nginx pod with a readiness probe on /
        Path probed = data.resolve("nginx-probed.yaml");
        Files.writeString(probed, PROBED_POD_YAML);
        Shell.Result pod = Shell.run("./lab apply -f " + probed, 60);
        assertThat(pod.stdout().trim()).as(pod.stderr()).isEqualTo("pod/nginx-probed created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
            ready(pods.get("default", "nginx-probed")));
        String probedIp = pods.get("default", "nginx-probed").getStatus().getPodIp();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
            assertThat(headlessA()).hasSize(4).contains(probedIp));
        Path index = indexHtmlOf(pods.get("default", "nginx-probed"));
        Files.delete(index); // as `kubectl exec nginx-probed -- rm /usr/share/nginx/html/index.html`
        long broken = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
            assertThat(headlessA()).hasSize(3).doesNotContain(probedIp).isEqualTo(deploymentIps));
        System.out.printf("unready pod %s left the answer %.1f s after its probe target went away%n", probedIp,
            (System.nanoTime() - broken) / 1e9);
        assertThat(ready(pods.get("default", "nginx-probed"))).isFalse();
        assertThat(pods.get("default", "nginx-probed").getStatus().getPhase()).isEqualTo("Running");
      } finally {
        channel.shutdownNow();
        lab.terminateGroup(120);
      }
    }
  }

  /** The pod's index.html in its node agent's rootfs: {@code nodes/<node>/pods/<ns>_<name>_<uid>/<container>/rootfs}. */
  Path indexHtmlOf(Pod pod) throws Exception {
    Path podDir = data.resolve("nodes").resolve(pod.getSpec().getNodeName()).resolve("pods")
        .resolve("default_" + pod.getMetadata().getName() + "_" + pod.getMetadata().getUid());
    Path index = podDir.resolve("nginx/rootfs/usr/share/nginx/html/index.html");
    if (!Files.exists(index)) {
      try (Stream<Path> files = Files.walk(data.resolve("nodes"), 12)) {
        throw new AssertionError("no " + index + "; files: "
            + files.filter(p -> p.toString().contains(pod.getMetadata().getName())).limit(20).toList());
      }
    }
    return index;
  }
}
