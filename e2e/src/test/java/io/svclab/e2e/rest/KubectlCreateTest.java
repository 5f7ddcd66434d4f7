package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.WorkloadControllerProcess;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl's generators ({@code create namespace|deployment|service}) send their objects in
 * Kubernetes' protobuf; {@code expose} reads the Deployment back and creates a Service. All of
 * them against a real apiserver, answered as kube-apiserver answers.
 */
class KubectlCreateTest {
  @TempDir static Path dir;
  private static ApiServerProcess api;
  private static WorkloadControllerProcess controller;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Kubectl.requireInstalled();
    api = new ApiServerProcess(dir).start();
    controller = WorkloadControllerProcess.start(dir, api.target());
    kubectl = new Kubectl(api.kubeconfig(), dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (controller != null) {
      controller.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void generatorsCreateANamespaceADeploymentAndServices() throws Exception {
    assertThat(kubectl.ok("create", "namespace", "n").stdout()).isEqualTo("namespace/n created\n");
    assertThat(kubectl.ok("create", "deployment", "web", "--image=nginx", "-n", "n").stdout())
        .isEqualTo("deployment.apps/web created\n");
    assertThat(kubectl.ok("get", "deploy", "web", "-n", "n", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
        .stdout()).isEqualTo("nginx");
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(kubectl.ok("get", "rs", "-n", "n", "-l", "app=web", "-o", "name").stdout()).startsWith("replicaset.apps/web-"));

    assertThat(kubectl.ok("create", "service", "clusterip", "x", "--tcp=80:80", "-n", "n").stdout())
        .isEqualTo("service/x created\n");
    assertThat(kubectl.ok("get", "svc", "x", "-n", "n", "-o", "jsonpath={.spec.clusterIP} {.spec.ports[0].targetPort}")
        .stdout()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+ 80");

    assertThat(kubectl.ok("expose", "deployment", "web", "--port=80", "-n", "n").stdout())
        .isEqualTo("service/web exposed\n");
    assertThat(kubectl.ok("get", "svc", "web", "-n", "n", "-o", "jsonpath={.spec.selector.app}").stdout())
        .isEqualTo("web");
  }

  @Test
  void aSecondCreateIsAlreadyExistsInKubectlsWords() throws Exception {
    kubectl.ok("create", "namespace", "twice");
    Kubectl.Result again = kubectl.run("create", "namespace", "twice");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).isEqualTo("Error from server (AlreadyExists): namespaces \"twice\" already exists\n");
  }

  @Test
  void aNodePortServiceGetsAPortFromTheRange() throws Exception {
    kubectl.ok("create", "namespace", "named");
    assertThat(kubectl.ok("create", "service", "nodeport", "np", "--tcp=8080:80", "-n", "named").stdout())
        .isEqualTo("service/np created\n");
    assertThat(kubectl.ok("get", "svc", "np", "-n", "named", "-o", "jsonpath={.spec.type} {.spec.ports[0].nodePort}")
        .stdout()).matches("NodePort 3\\d{4}");
  }
}
