package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.e2e.dns.Dig;
import io.svclab.e2e.harness.LabProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's kube-system: {@code ./lab up} shows its own processes as mirror pods labelled as
 * Kubernetes labels them, so the seeds' {@code kubectl get pods -n kube-system -l k8s-app=...}
 * answer; kube-dns' endpoints stay the DNS server's real address; a restarted process is the same
 * pod with one more restart.
 */
class MirrorPodsInLabTest {
  @TempDir Path data;

  private static List<String> rows(String table) {
    return table.lines().skip(1).filter(l -> !l.isBlank()).toList();
  }

  @Test
  void theLabsProcessesAreKubeSystemMirrorPods() throws Exception {
    Kubectl.requireInstalled();
    try (LabProcess lab = LabProcess.up(data)) {
      lab.awaitLine("svclab is up in", 300);
      Kubectl kubectl = new Kubectl(data.resolve("kubeconfig"), data);

      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        Kubectl.Result dns = kubectl.run("get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-dns");
        assertThat(dns.exitCode()).as(dns.all()).isZero();
        assertThat(rows(dns.stdout())).singleElement().asString().matches("coredns-control-plane\\s+1/1\\s+Running\\s+0\\s+.*");
      });
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        Kubectl.Result proxies = kubectl.run("get", "pods", "-n", "kube-system", "-l", "k8s-app=kube-proxy", "-o", "wide");
        assertThat(proxies.exitCode()).as(proxies.all()).isZero();
        assertThat(rows(proxies.stdout())).hasSize(2);
        assertThat(rows(proxies.stdout()).get(0)).matches("kube-proxy-node-1\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+127\\.0\\.10\\.1\\s+node-1\\s.*");
        assertThat(rows(proxies.stdout()).get(1)).matches("kube-proxy-node-2\\s+1/1\\s+Running\\s+0\\s+\\S+\\s+127\\.0\\.10\\.2\\s+node-2\\s.*");
      });
      // seed 002's line: the proxies' own logs, as kubelet serves a static pod's log
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        Kubectl.Result logs = kubectl.run("logs", "-n", "kube-system", "-l", "k8s-app=kube-proxy", "--tail=20");
        assertThat(logs.exitCode()).as(logs.all()).isZero();
        List<String> lines = logs.stdout().lines().toList();
        assertThat(lines).as(logs.all()).anyMatch(l -> l.contains("[node-proxy-1]"))
            .anyMatch(l -> l.contains("[node-proxy-2]")).hasSizeBetween(2, 40);
      });
      Kubectl.Result previous = kubectl.run("logs", "-n", "kube-system", "kube-proxy-node-1", "--previous");
      assertThat(previous.exitCode()).isNotZero();
      assertThat(previous.stderr()).contains("previous terminated container \"kube-proxy\" in pod \"kube-proxy-node-1\" not found");
      Kubectl.Result controlPlane = kubectl.run("get", "pods", "-n", "kube-system", "-l", "tier=control-plane",
          "-o", "jsonpath={range .items[*]}{.metadata.name} {.metadata.labels.component}{\"\\n\"}{end}");
      assertThat(controlPlane.stdout().lines().sorted().toList()).containsExactly(
          "cloud-controller-manager-control-plane cloud-controller-manager",
          "kube-apiserver-control-plane kube-apiserver",
          "kube-controller-manager-endpoints-control-plane kube-controller-manager",
          "kube-controller-manager-workload-control-plane kube-controller-manager");
      // nothing scheduled or run them: still unbound / on their node, no pod IP from a pod CIDR
      Kubectl.Result all = kubectl.run("get", "pods", "-n", "kube-system", "-o",
          "jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName} {.status.podIP} {.metadata.annotations.kubernetes\\.io/config\\.source}{\"\\n\"}{end}");
      assertThat(all.stdout().lines().sorted().toList()).contains("coredns-control-plane  127.0.0.1 file",
          "kube-proxy-node-1 node-1 127.0.10.1 file");

      // kube-dns selects the DNS server's pod: its endpoints are the server's :1053, and the ClusterIP answers
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
          assertThat(kubectl.run("get", "endpoints", "-n", "kube-system", "kube-dns", "-o",
              "jsonpath={.subsets[*].addresses[*].ip} {.subsets[*].ports[*].port}").stdout().split(" "))
              .containsExactlyInAnyOrder("127.0.0.1", "1053", "1053", "6083"));
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
          assertThat(Dig.query("127.96.0.10", 53, "kubernetes.default.svc.cluster.local", "A").answers("A"))
              .containsExactly("127.96.0.1"));

      // a process that dies is restarted by the lab: the same mirror pod, one restart, the new pid
      String containerId = kubectl.run("get", "pod", "-n", "kube-system", "kube-proxy-node-1", "-o",
          "jsonpath={.status.containerStatuses[0].containerID}").stdout();
      assertThat(containerId).startsWith("svclab://");
      long pid = Long.parseLong(containerId.substring("svclab://".length()));
      ProcessHandle.of(pid).orElseThrow().destroyForcibly();
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
          assertThat(kubectl.run("get", "pod", "-n", "kube-system", "kube-proxy-node-1", "-o",
              "jsonpath={.status.containerStatuses[0].restartCount} {.status.containerStatuses[0].ready} "
                  + "{.status.containerStatuses[0].containerID}").stdout())
              .startsWith("1 true svclab://").doesNotEndWith("//" + pid));
    }
  }
}
