package io.svclab.cli;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Node;
import io.svclab.cli.topology.LabTopology;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.kube.Readiness;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.time.Duration;

/** The lab is up only when every node is Ready, so the first Deployment spreads over all of them. */
final class NodeReadiness {
  private NodeReadiness() {}

  static boolean await(int nodes, String apiTargets, Duration timeout) throws InterruptedException {
    if (nodes == 0) {
      return true;
    }
    ManagedChannel channel = ApiChannels.forTarget(apiTargets);
    try {
      ResourceClient<Node> client = new ResourceClient<>(channel, ResourceKinds.NODES, 2000);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        try {
          long ready = client.listItems("", "").stream().filter(Readiness::isReady).count();
          if (ready >= nodes) {
            return true;
          }
        } catch (RuntimeException e) {
          // the API is still starting
        }
        Thread.sleep(50);
      }
      return false;
    } finally {
      channel.shutdownNow();
    }
  }
}
