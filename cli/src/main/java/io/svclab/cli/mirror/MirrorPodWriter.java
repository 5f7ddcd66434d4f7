package io.svclab.cli.mirror;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.client.kube.MirrorPods;
import io.svclab.client.resource.ResourceClient;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes the lab processes' mirror pods through the API (the shell around {@link MirrorPodPlan}):
 * each current one as planned, and any other svclab mirror pod in kube-system (a dead lab's with
 * more nodes) deleted. Deletes use grace 0: no node agent runs a mirror pod, so none would
 * finish a graceful delete.
 */
public final class MirrorPodWriter {
  /** What the supervisor knows of one running process. */
  public record Running(StaticPod pod, long pid, Instant startedAt, int restarts, boolean running) {}

  private final ResourceClient<Pod> pods;
  private final ResourceClient<Node> nodes;
  private final PrintStream console;

  public MirrorPodWriter(ResourceClient<Pod> pods, ResourceClient<Node> nodes, PrintStream console) {
    this.pods = pods;
    this.nodes = nodes;
    this.console = console;
  }

  /** One round; says on the console which mirror pods it created (not the status updates: routine). */
  public void sync(List<Running> running) {
    List<String> created = new java.util.ArrayList<>();
    Set<String> wanted = running.stream().map(r -> r.pod().podName()).collect(Collectors.toSet());
    for (Pod stale : pods.listItems(MirrorPod.NAMESPACE, "")) {
      if (MirrorPods.isMirror(stale) && stale.getMetadata().containsAnnotations(MirrorPods.ANNOTATION_COMPONENT)
          && !wanted.contains(stale.getMetadata().getName())) {
        deleteNow(stale.getMetadata().getName());
        console.printf("lab                 | deleted stale mirror pod %s/%s%n", MirrorPod.NAMESPACE,
            stale.getMetadata().getName());
      }
    }
    for (Running r : running) {
      Pod desired = MirrorPod.of(r.pod(), r.startedAt(), r.restarts(), r.pid(), r.running(), nodeUid(r.pod().nodeName()));
      Optional<Pod> existing = find(r.pod().podName());
      switch (MirrorPodPlan.decide(existing, desired)) {
        case CREATE -> {
          create(desired);
          created.add(r.pod().podName());
        }
        case RECREATE -> {
          deleteNow(r.pod().podName());
          create(desired);
          created.add(r.pod().podName());
        }
        case UPDATE_STATUS -> pods.updateStatus(existing.get().toBuilder().setStatus(desired.getStatus()).build());
        case NOTHING -> { }
      }
    }
    if (!created.isEmpty()) {
      console.printf("lab                 | mirror pods in %s: %s%n", MirrorPod.NAMESPACE, String.join(", ", created));
    }
  }

  private void create(Pod desired) {
    Pod created = pods.create(desired);  // the API starts every pod Pending: the status is a second write
    pods.updateStatus(created.toBuilder().setStatus(desired.getStatus()).build());
  }

  private Optional<String> nodeUid(String nodeName) {
    if (nodeName.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(nodes.get("", nodeName).getMetadata().getUid());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();  // not registered yet: the next sync adds the owner
      }
      throw e;
    }
  }

  private Optional<Pod> find(String name) {
    try {
      return Optional.of(pods.get(MirrorPod.NAMESPACE, name));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private void deleteNow(String name) {
    try {
      pods.delete(DeleteRequest.newBuilder().setNamespace(MirrorPod.NAMESPACE).setName(name).setGracePeriodSeconds(0)
          .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
    }
  }
}
