package io.svclab.workload.nodelifecycle;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeStatus;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.client.controller.Reconciler;
import io.svclab.client.controller.Result;
import io.svclab.client.informer.Informer;
import io.svclab.client.kube.Readiness;
import io.svclab.workload.ApiWriter;
import io.svclab.workload.WellKnown;
import io.svclab.workload.WorkloadMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The node lifecycle controller's reconcile, keyed by node name: a node whose lease went
 * silent past the grace period gets Ready=Unknown, and while it is not Ready its pods'
 * Ready condition is False (MarkPodsNotReady), so Services stop sending them traffic. A
 * healthy node is looked at again when its grace would run out.
 */
public final class NodeLifecycleSync implements Reconciler {
  public static final String NAME = "node-lifecycle-controller";

  private final Informer<Node> nodes;
  private final Informer<Lease> leases;
  private final Informer<Pod> pods;
  private final ApiWriter<Node> nodeWriter;
  private final ApiWriter<Pod> podWriter;
  private final Duration grace;
  private final WorkloadMetrics metrics;
  private final Clock clock;

  public NodeLifecycleSync(Informer<Node> nodes, Informer<Lease> leases, Informer<Pod> pods, ApiWriter<Node> nodeWriter,
      ApiWriter<Pod> podWriter, Duration grace, WorkloadMetrics metrics, Clock clock) {
    this.nodes = nodes;
    this.leases = leases;
    this.pods = pods;
    this.nodeWriter = nodeWriter;
    this.podWriter = podWriter;
    this.grace = grace;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public Result reconcile(String nodeName) {
    Optional<Node> cached = nodes.getByKey(nodeName);
    if (cached.isEmpty()) {
      return Result.done();
    }
    Node node = cached.get();
    Instant now = clock.instant();
    Instant expiry = NodeHealth.expiry(node, leases.get(WellKnown.NODE_LEASE_NAMESPACE, nodeName), grace);
    if (now.isBefore(expiry)) {
      if (!Readiness.isReady(node)) {
        markPodsNotReady(nodeName, now);
      }
      return Result.requeueAfter(Duration.between(now, expiry).plusMillis(100));
    }
    Optional<NodeStatus> unknown = NodeHealth.unknown(node, now);
    if (unknown.isPresent()) {
      nodeWriter.updateStatus(node.toBuilder().setStatus(unknown.get()).build(),
          "no lease renewal for " + grace.toMillis() / 1000.0 + " s: Ready=Unknown (NodeStatusUnknown)");
      metrics.nodeMarkedUnknown();
    }
    markPodsNotReady(nodeName, now);
    return Result.done(); // the next lease renewal brings the node back here
  }

  private void markPodsNotReady(String nodeName, Instant now) {
    for (Pod pod : pods.list()) {
      if (!pod.getSpec().getNodeName().equals(nodeName)) {
        continue;
      }
      Pod.Builder b = pod.toBuilder();
      boolean changed = false;
      for (int i = 0; i < b.getStatus().getConditionsCount(); i++) {
        PodCondition c = b.getStatus().getConditions(i);
        if (c.getType().equals("Ready") && !c.getStatus().equals("False")) {
          b.getStatusBuilder().setConditions(i, c.toBuilder().setStatus("False")
              .setLastTransitionTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond())));
          changed = true;
        }
      }
      if (changed) {
        try {
          podWriter.updateStatus(b.build(), "node " + nodeName + " is not ready: Ready=False");
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
            throw e;
          }
        }
      }
    }
  }
}
