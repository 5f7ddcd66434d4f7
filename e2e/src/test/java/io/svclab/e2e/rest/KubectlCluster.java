package io.svclab.e2e.rest;

import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.WorkloadControllerProcess;
import io.svclab.e2e.node.NodeAgentProcess;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a kubectl e2e test talks to: an apiserver, the workload controller and, where pods must run,
 * one node-agent ({@code node-1} on 127.0.10.1), started together and stopped in reverse order.
 */
final class KubectlCluster implements AutoCloseable {
  private final ApiServerProcess api;
  private final WorkloadControllerProcess controller;
  private final NodeAgentProcess agent;

  private KubectlCluster(ApiServerProcess api, WorkloadControllerProcess controller, NodeAgentProcess agent) {
    this.api = api;
    this.controller = controller;
    this.agent = agent;
  }

  /** @param withNode whether pods run (a node-agent), or only the API objects are exercised */
  static KubectlCluster start(Path dir, boolean withNode) throws Exception {
    Kubectl.requireInstalled();
    ApiServerProcess api = new ApiServerProcess(dir).start();
    WorkloadControllerProcess controller = null;
    try {
      controller = WorkloadControllerProcess.start(dir, api.target());
      NodeAgentProcess agent = withNode
          ? new NodeAgentProcess(api.target(), "node-1", "127.0.10.1", "127.244.1.0/24", dir).start() : null;
      return new KubectlCluster(api, controller, agent);
    } catch (Exception | Error e) {
      if (controller != null) controller.close();
      api.close();
      throw e;
    }
  }

  ApiServerProcess api() {
    return api;
  }

  NodeAgentProcess agent() {
    return agent;
  }

  /** A kubectl with this cluster's kubeconfig, run in {@code workDir}. */
  Kubectl kubectl(Path workDir) {
    return new Kubectl(api.kubeconfig(), workDir);
  }

  /**
   * Applies a busybox pod {@code toolbox} that sleeps (what the exec tests type into) from
   * {@code dir/manifests} and waits until it runs; returns the kubectl that applied it.
   */
  Kubectl withToolboxPod(Path dir) throws Exception {
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    Files.writeString(manifests.resolve("toolbox.yaml"), """
        apiVersion: v1
        kind: Pod
        metadata:
          name: toolbox
        spec:
          containers:
          - name: toolbox
            image: busybox:1.36
            command: ["sleep", "3600"]
        """);
    Kubectl kubectl = kubectl(manifests);
    kubectl.ok("apply", "-f", "toolbox.yaml");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(kubectl.ok("get", "pod", "toolbox", "-o", "jsonpath={.status.phase}").stdout()).isEqualTo("Running"));
    return kubectl;
  }

  @Override
  public void close() throws Exception {
    if (agent != null) agent.close();
    controller.close();
    api.close();
  }
}
