package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.e2e.harness.Lab;
import io.svclab.e2e.harness.LabProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The toolbox inside tool-image pods, through the real kubectl against a lab with seed 002's
 * manifests: nslookup through the pod's resolv.conf, the tutorial's curl loop reaching several
 * backends, unknown commands, and an image without curl.
 */
class KubectlToolboxInLabTest {
  @TempDir static Path data;
  private static LabProcess lab;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Kubectl.requireInstalled();
    Path manifests = Files.createDirectories(data.resolve("manifests"));
    Path seed2 = Lab.root().resolve("cli/src/main/resources/demos/seed-002");
    Files.copy(seed2.resolve("backend.yaml"), manifests.resolve("backend.yaml"));
    Files.copy(seed2.resolve("backend-service.yaml"), manifests.resolve("backend-service.yaml"));
    Files.writeString(manifests.resolve("tools.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: debug
          namespace: service-demo
        spec:
          containers:
          - name: debug
            image: nicolaka/netshoot
            command: ["sleep", "infinity"]
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: bb
          namespace: service-demo
        spec:
          containers:
          - name: bb
            image: busybox:1.36
            command: ["sleep", "infinity"]
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: nobody
          namespace: service-demo
        spec:
          selector:
            app: nobody
          ports:
          - port: 80
        """);
    // seed 001's web: nginx behind a Service in the default namespace
    Files.writeString(manifests.resolve("web.yaml"), """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: nginx
                image: nginx:1.25
                ports:
                - containerPort: 80
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: web
        spec:
          selector:
            app: web
          ports:
          - port: 80
            targetPort: 80
        """);
    lab = LabProcess.up(data.resolve("lab"));
    lab.awaitLine("svclab is up in", 300);
    kubectl = new Kubectl(data.resolve("lab").resolve("kubeconfig"), manifests);
    kubectl.ok("apply", "-f", "backend.yaml");
    kubectl.ok("apply", "-f", "backend-service.yaml");
    kubectl.ok("apply", "-f", "tools.yaml");
    kubectl.ok("apply", "-f", "web.yaml");
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(kubectl.run("wait", "--for=condition=ready", "pod", "--all", "-n", "service-demo", "--timeout=60s")
            .stdout()).contains("condition met").doesNotContain("no matching resources"));
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(kubectl.run("get", "endpoints", "web", "-o", "jsonpath={.subsets[*].addresses[*].ip}").stdout()
            .split(" ")).hasSize(2));
  }

  @AfterAll
  static void stop() throws Exception {
    if (lab != null) {
      lab.terminateGroup(120);
      lab.close();
    }
  }

  @Test
  void nslookupShowsTheServiceFqdnAndClusterIp() throws Exception {
    String clusterIp = kubectl.ok("get", "service", "backend-service", "-n", "service-demo", "-o",
        "jsonpath={.spec.clusterIP}").stdout();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      Kubectl.Result r = kubectl.run("exec", "debug", "-n", "service-demo", "--", "nslookup", "backend-service");
      assertThat(r.exitCode()).as(r.all()).isZero();
      assertThat(r.stdout()).contains("Name:\tbackend-service.service-demo.svc.cluster.local\n", "Address: " + clusterIp + "\n");
    });
  }

  /** busybox's words for a name no search domain knows (the lab's DNS refuses the bare name: still NXDOMAIN). */
  @Test
  void nslookupOfAnUnknownNameIsNxdomain() throws Exception {
    Kubectl.Result r = kubectl.run("exec", "bb", "-n", "service-demo", "--", "nslookup", "no-such-service");
    assertThat(r.exitCode()).as(r.all()).isEqualTo(1);
    assertThat(r.stdout()).as(r.all()).contains("** server can't find no-such-service.cluster.local: NXDOMAIN");
  }

  @Test
  void theTutorialsCurlLoopReachesSeveralBackends() throws Exception {
    Set<String> pods = new HashSet<>();
    Pattern backend = Pattern.compile("Backend Pod: ([a-z0-9-]+)");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Kubectl.Result r = kubectl.run("exec", "debug", "-n", "service-demo", "--", "bash", "-c",
          "for i in {1..5}; do curl -s backend-service | grep \"Backend Pod\"; done");
      Matcher m = backend.matcher(r.stdout());
      while (m.find()) pods.add(m.group(1));
      assertThat(pods).as(r.all()).hasSizeGreaterThanOrEqualTo(2);
    });
  }

  /** Seed 002: the backends' own access log shows the tutorial's requests (kubectl picks one pod of the Deployment). */
  @Test
  void backendLogsShowTheRequests() throws Exception {
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      kubectl.run("exec", "debug", "-n", "service-demo", "--", "bash", "-c",
          "for i in {1..5}; do curl -s backend-service | head -1; done");
      Kubectl.Result logs = kubectl.run("logs", "deploy/backend-app", "-n", "service-demo");
      assertThat(logs.exitCode()).as(logs.all()).isZero();
      assertThat(logs.stdout()).as(logs.all()).contains("\"GET / HTTP/1.1\" 200");
    });
  }

  @Test
  void unknownCommandsExit127AndBusyboxHasNoCurl() throws Exception {
    Kubectl.Result unknown = kubectl.run("exec", "debug", "-n", "service-demo", "--", "sh", "-c", "frobnicate");
    assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(127);
    assertThat(unknown.stderr()).contains("sh: frobnicate: not found");
    Kubectl.Result curl = kubectl.run("exec", "bb", "-n", "service-demo", "--", "sh", "-c", "curl -s backend-service");
    assertThat(curl.exitCode()).as(curl.all()).isEqualTo(127);
    assertThat(curl.stderr()).contains("sh: curl: not found");
  }

  @Test
  void curlToAServiceWithoutEndpointsIsRefusedAsKubeProxyRejectsIt() throws Exception {
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
      Kubectl.Result r = kubectl.run("exec", "debug", "-n", "service-demo", "--", "curl", "-sS", "http://nobody");
      assertThat(r.exitCode()).as(r.all()).isEqualTo(7);
      assertThat(r.stderr()).as(r.all()).containsPattern(
          "curl: \\(7\\) Failed to connect to nobody port 80 after \\d+ ms: Couldn't connect to server");
    });
  }

  @Test
  void digShortPrintsTheClusterIp() throws Exception {
    String clusterIp = kubectl.ok("get", "service", "backend-service", "-n", "service-demo", "-o",
        "jsonpath={.spec.clusterIP}").stdout();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
      Kubectl.Result r = kubectl.run("exec", "debug", "-n", "service-demo", "--", "dig", "+short",
          "backend-service.service-demo.svc.cluster.local");
      assertThat(r.exitCode()).as(r.all()).isZero();
      assertThat(r.stdout()).isEqualTo(clusterIp + "\n");
    });
    Kubectl.Result full = kubectl.run("exec", "debug", "-n", "service-demo", "--", "dig",
        "backend-service.service-demo.svc.cluster.local");
    assertThat(full.stdout()).as(full.all()).contains(";; ->>HEADER<<- opcode: QUERY, status: NOERROR",
        ";; ANSWER SECTION:\nbackend-service.service-demo.svc.cluster.local. ", " IN A " + clusterIp + "\n");
  }

  @Test
  void ncZvSaysAServicePortIsOpen() throws Exception {
    String clusterIp = kubectl.ok("get", "service", "backend-service", "-n", "service-demo", "-o",
        "jsonpath={.spec.clusterIP}").stdout();
    Kubectl.Result r = kubectl.run("exec", "debug", "-n", "service-demo", "--", "nc", "-zv", "backend-service", "80");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stderr()).isEqualTo("Connection to backend-service (" + clusterIp + ") 80 port [tcp/http] succeeded!\n");
    Kubectl.Result bb = kubectl.run("exec", "bb", "-n", "service-demo", "--", "nc", "-zv", "backend-service", "80");
    assertThat(bb.exitCode()).as(bb.all()).isZero();
    assertThat(bb.stderr()).isEqualTo("backend-service (" + clusterIp + ":80) open\n");
  }

  @Test
  void pingSaysIcmpIsUnavailableAndTestsTcp() throws Exception {
    Kubectl.Result r = kubectl.run("exec", "debug", "-n", "service-demo", "--", "ping", "-c", "1", "backend-service");
    assertThat(r.exitCode()).as(r.all()).isZero();
    List<String> lines = r.stdout().lines().toList();
    assertThat(lines.get(0)).startsWith("PING backend-service (").contains("ICMP is not available");
    assertThat(lines).anyMatch(l -> l.contains(" port 80: seq=0 open"));
    assertThat(r.stdout()).contains("1 TCP connects, 1 succeeded, 0% failed");
  }

  @Test
  void ipAddrShowsThePodIp() throws Exception {
    String podIp = kubectl.ok("get", "pod", "debug", "-n", "service-demo", "-o", "jsonpath={.status.podIP}").stdout();
    Kubectl.Result r = kubectl.run("exec", "debug", "-n", "service-demo", "--", "ip", "addr");
    assertThat(r.exitCode()).as(r.all()).isZero();
    assertThat(r.stdout()).contains("1: lo: <LOOPBACK,UP,LOWER_UP>", "    inet 127.0.0.1/8 scope host lo\n",
        "    inet " + podIp + "/24 brd ", " scope global eth0\n");
  }

  @Test
  void busyboxHasNoDig() throws Exception {
    Kubectl.Result r = kubectl.run("exec", "bb", "-n", "service-demo", "--", "sh", "-c", "dig backend-service");
    assertThat(r.exitCode()).as(r.all()).isEqualTo(127);
    assertThat(r.stderr()).contains("sh: dig: not found");
  }

  @Test
  void resolvConfAndHostsAreThePods() throws Exception {
    String podIp = kubectl.ok("get", "pod", "bb", "-n", "service-demo", "-o", "jsonpath={.status.podIP}").stdout();
    Kubectl.Result resolv = kubectl.run("exec", "bb", "-n", "service-demo", "--", "cat", "/etc/resolv.conf");
    assertThat(resolv.stdout()).as(resolv.all()).startsWith(
        "search service-demo.svc.cluster.local svc.cluster.local cluster.local\nnameserver ").endsWith("\noptions ndots:5\n");
    Kubectl.Result hosts = kubectl.run("exec", "bb", "-n", "service-demo", "--", "cat", "/etc/hosts");
    assertThat(hosts.stdout()).as(hosts.all()).startsWith("# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n")
        .endsWith(podIp + "\tbb\n");
  }

  /** Seed 001, verbatim: a one-shot curl pod prints nginx's first line by short name, FQDN and ClusterIP, then is gone. */
  @Test
  void runRmCurlPodReachesWebByEveryName() throws Exception {
    String clusterIp = kubectl.ok("get", "service", "web", "-o", "jsonpath={.spec.clusterIP}").stdout();
    List<String> urls = List.of("http://web", "http://web.default.svc.cluster.local", "http://" + clusterIp);
    for (int i = 0; i < urls.size(); i++) {
      String name = "tmp" + i;
      Kubectl.Result r = kubectl.run("run", name, "--rm", "-i", "--restart=Never", "--image=curlimages/curl", "--",
          "sh", "-c", "curl -s " + urls.get(i) + " | head -1");
      assertThat(r.exitCode()).as(r.all()).isZero();
      assertThat(r.stdout()).as(r.all()).startsWith("<!DOCTYPE html>\n").contains("pod \"" + name + "\" deleted");
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
          assertThat(kubectl.run("get", "pod", name).stderr()).contains("pods \"" + name + "\" not found"));
    }
  }
}
