package io.svclab.apiserver.strategy;

import io.svclab.api.v1.Node;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;

/** Nodes: a kubelet registers its node with its status, so a create keeps it (as in Kubernetes). */
public final class NodeStrategy extends DefaultStrategy<Node> {
  public NodeStrategy() {
    super(ResourceKinds.NODES, false);
  }

  @Override
  public Node prepareForCreate(Node node, Instant now, String uid) {
    return ObjectLifecycle.prepareForCreate(kind(), node, now, uid);
  }
}
