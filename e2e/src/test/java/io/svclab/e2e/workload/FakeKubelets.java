package io.svclab.e2e.workload;

import com.google.protobuf.Timestamp;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for node-agents: registers Nodes, renews their Leases in kube-node-lease, and,
 * like a kubelet, marks pods bound to a live node Running and Ready, and removes pods that
 * are terminating there. A node can be stopped (its kubelet "dies": nothing renews or writes).
 */
final class FakeKubelets implements AutoCloseable {
  private final ResourceClient<Node> nodes;
  private final ResourceClient<Lease> leases;
  private final ResourceClient<Pod> pods;
  private final Set<String> live = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  private volatile boolean markReady = true;

  FakeKubelets(Channel channel) {
    nodes = new ResourceClient<>(channel, ResourceKinds.NODES);
    leases = new ResourceClient<>(channel, ResourceKinds.LEASES);
    pods = new ResourceClient<>(channel, ResourceKinds.PODS);
    loop.scheduleWithFixedDelay(this::tick, 0, 200, TimeUnit.MILLISECONDS);
  }

  /** Registers a node, Ready or not, and starts its kubelet. */
  void addNode(String name, boolean ready) {
    Node.Builder n = Node.newBuilder();
    n.getMetadataBuilder().setName(name);
    n.getStatusBuilder().addConditions(NodeCondition.newBuilder().setType("Ready").setStatus(ready ? "True" : "False")
        .setReason(ready ? "KubeletReady" : "KubeletNotReady").setLastHeartbeatTime(now()).setLastTransitionTime(now()));
    nodes.create(n.build());
    Lease.Builder l = Lease.newBuilder();
    l.getMetadataBuilder().setName(name).setNamespace("kube-node-lease");
    l.getSpecBuilder().setHolderIdentity(name).setLeaseDurationSeconds(40).setRenewTime(now());
    leases.create(l.build());
    live.add(name);
  }

  void stop(String node) {
    live.remove(node);
  }

  void markPodsReady(boolean ready) {
    markReady = ready;
  }

  private void tick() {
    try {
      for (String node : live) {
        Lease lease = leases.get("kube-node-lease", node);
        Lease.Builder b = lease.toBuilder();
        b.getSpecBuilder().setRenewTime(now());
        leases.update(b.build());
      }
      for (Pod pod : pods.listItems("", "")) {
        String node = pod.getSpec().getNodeName();
        if (!live.contains(node)) {
          continue;
        }
        if (pod.getMetadata().hasDeletionTimestamp()) {
          pods.delete(DeleteRequest.newBuilder().setNamespace(pod.getMetadata().getNamespace())
              .setName(pod.getMetadata().getName()).setGracePeriodSeconds(0).build());
        } else if (markReady && !isReady(pod)) {
          Pod.Builder p = pod.toBuilder();
          p.getStatusBuilder().setPhase("Running").setPodIp("127.244.1." + (pod.getMetadata().getName().hashCode() & 0x7f))
              .clearConditions()
              .addConditions(PodCondition.newBuilder().setType("PodScheduled").setStatus("True").setLastTransitionTime(now()))
              .addConditions(PodCondition.newBuilder().setType("Ready").setStatus("True").setLastTransitionTime(now()));
          pods.updateStatus(p.build());
        }
      }
    } catch (StatusRuntimeException e) {
      // a conflict or a pod that just went: the next tick looks again
    }
  }

  static boolean isReady(Pod pod) {
    return pod.getStatus().getConditionsList().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  private static Timestamp now() {
    Instant t = Instant.now();
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
