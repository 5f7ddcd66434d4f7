package io.svclab.workload.nodelifecycle;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' node lifecycle controller, health half: a node has been heard from when its
 * Lease in kube-node-lease was renewed or its Ready condition heartbeat written (or, never
 * heard from, when it was created). Silent for longer than the grace period, its kubelet
 * is presumed gone: its conditions turn Unknown.
 */
public final class NodeHealth {
  private NodeHealth() {}

  /** The conditions kubelet posts and the controller turns Unknown. */
  static final List<String> KUBELET_CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");
  static final String STOPPED = "Kubelet stopped posting node status.";
  static final String NEVER = "Kubelet never posted node status.";

  /** When the node was last heard from. */
  public static Instant lastHeard(Node node, Optional<Lease> lease) {
    Instant heard = instant(node.getMetadata().getCreationTimestamp());
    if (lease.isPresent() && lease.get().getSpec().hasRenewTime()) {
      heard = max(heard, instant(lease.get().getSpec().getRenewTime()));
    }
    for (NodeCondition c : node.getStatus().getConditionsList()) {
      if (c.getType().equals("Ready") && c.hasLastHeartbeatTime()) {
        heard = max(heard, instant(c.getLastHeartbeatTime()));
      }
    }
    return heard;
  }

  /** When the node's silence outlasts the grace period (may be in the past). */
  public static Instant expiry(Node node, Optional<Lease> lease, Duration grace) {
    return lastHeard(node, lease).plus(grace);
  }

  /**
   * The status with every kubelet condition Unknown, as tryUpdateNodeHealth writes it;
   * empty when they already are (no write needed).
   */
  public static Optional<NodeStatus> unknown(Node node, Instant now) {
    NodeStatus.Builder status = node.getStatus().toBuilder();
    Timestamp ts = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).build();
    boolean changed = false;
    for (String type : KUBELET_CONDITIONS) {
      int index = indexOf(status, type);
      if (index < 0) {
        status.addConditions(NodeCondition.newBuilder().setType(type).setStatus("Unknown")
            .setReason("NodeStatusNeverUpdated").setMessage(NEVER).setLastHeartbeatTime(ts).setLastTransitionTime(ts));
        changed = true;
      } else if (!status.getConditions(index).getStatus().equals("Unknown")) {
        status.setConditions(index, status.getConditions(index).toBuilder().setStatus("Unknown")
            .setReason("NodeStatusUnknown").setMessage(STOPPED).setLastTransitionTime(ts));
        changed = true;
      }
    }
    return changed ? Optional.of(status.build()) : Optional.empty();
  }

  private static int indexOf(NodeStatus.Builder status, String type) {
    for (int i = 0; i < status.getConditionsCount(); i++) {
      if (status.getConditions(i).getType().equals(type)) {
        return i;
      }
    }
    return -1;
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
