package io.svclab.endpoints.events;

import io.svclab.api.v1.Node;
import io.svclab.endpoints.WellKnownKeys;
import java.util.Objects;

/**
 * Whether a node change can change endpoints. Pods on an unknown node are left out of
 * slices, and an endpoint's zone comes from its node's label; heartbeats and status
 * updates (every few seconds per node) change neither and must not resync anything.
 */
public final class NodeChange {
  private NodeChange() {}

  /** For an update; node additions and deletions always matter. */
  public static boolean matters(Node before, Node after) {
    return !Objects.equals(zone(before), zone(after));
  }

  private static String zone(Node node) {
    return node.getMetadata().getLabelsMap().get(WellKnownKeys.LABEL_TOPOLOGY_ZONE);
  }
}
