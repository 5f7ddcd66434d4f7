package io.svclab.node.network;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Where a pod's sockets live. {@link #loopback()}: every pod IP is a loopback address of the node
 * (the local lab, no root). {@link NamespacePodNetwork}: each pod a network namespace on the node's
 * bridge ({@code --pod-network netns}).
 */
public interface PodNetwork {
  /** Blocks until the pod's network exists (made once per IP lease); throws with the reason when it cannot be made. */
  void ready(String podIp) throws Exception;

  /** The pod is gone: its network is removed (in order before a later {@link #ready} of the same IP). */
  void release(String podIp);

  /** Runs {@code work} where the pod's sockets must be created (its listeners are opened here). */
  <T> T inPod(String podIp, Callable<T> work) throws Exception;

  /** The pod's network namespace file, where host programs are run for it (kubectl exec); empty on loopback. */
  default Optional<Path> namespaceFile(String podIp) {
    return Optional.empty();
  }

  static PodNetwork loopback() {
    return new PodNetwork() {
      @Override
      public void ready(String podIp) {}

      @Override
      public void release(String podIp) {}

      @Override
      public <T> T inPod(String podIp, Callable<T> work) throws Exception {
        return work.call();
      }
    };
  }
}
