package io.svclab.e2e.rest;

import io.svclab.e2e.harness.ApiServerProcess;
import io.svclab.e2e.harness.WorkloadControllerProcess;
import io.svclab.e2e.node.NodeAgentProcess;
import java.nio.file.Path;

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

  @Override
  public void close() throws Exception {
    if (agent != null) agent.close();
    controller.close();
    api.close();
  }
}
