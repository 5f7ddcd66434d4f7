package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.e2e.harness.Lab;
import io.svclab.e2e.harness.LabProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
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
        """);
    lab = LabProcess.up(data.resolve("lab"));
    lab.awaitLine("svclab is up in", 300);
    kubectl = new Kubectl(data.resolve("lab").resolve("kubeconfig"), manifests);
    kubectl.ok("apply", "-f", "backend.yaml");
    kubectl.ok("apply", "-f", "backend-service.yaml");
    kubectl.ok("apply", "-f", "tools.yaml");
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
        assertThat(kubectl.run("wait", "--for=condition=ready", "pod", "--all", "-n", "service-demo", "--timeout=60s")
            .stdout()).contains("condition met").doesNotContain("no matching resources"));
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

  @Test
  void unknownCommandsExit127AndBusyboxHasNoCurl() throws Exception {
    Kubectl.Result unknown = kubectl.run("exec", "debug", "-n", "service-demo", "--", "sh", "-c", "frobnicate");
    assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(127);
    assertThat(unknown.stderr()).contains("sh: frobnicate: not found");
    Kubectl.Result curl = kubectl.run("exec", "bb", "-n", "service-demo", "--", "sh", "-c", "curl -s backend-service");
    assertThat(curl.exitCode()).as(curl.all()).isEqualTo(127);
    assertThat(curl.stderr()).contains("sh: curl: not found");
  }
}
