package io.svclab.node.kubelet;

import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.Pod;
import java.nio.file.Path;
import io.svclab.client.kube.MirrorPods;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which log file {@code containerLogs} reads for a pod's container, or kubelet's words for why there
 * is none: the pod dir is {@code <data>/pods/<ns>_<pod>_<uid>/<container>/<restart>.log}. A mirror
 * pod's container is a lab process this agent did not start: kubelet reads a static pod's log where
 * it keeps it, and so does this agent, from the lab's own log of that component.
 */
public final class ContainerLogFiles {
  private ContainerLogFiles() {}

  /** A file to read, or an error with kubelet's HTTP code and message. */
  public sealed interface Choice {}

  /** A container log this agent writes, one CRI-format file per restart. */
  public record File(Path path) implements Choice {}

  /** A lab component's own log (plain lines, appended across its restarts), for its mirror pod. */
  public record ComponentLog(Path path) implements Choice {}

  public record Refused(int code, String message) implements Choice {}

  /** Component names are file names in the lab's log directory: nothing else may be read through them. */
  private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

  public static Choice choose(Path dataDir, Optional<Pod> found, String namespace, String podName, String container,
      boolean previous) {
    return choose(dataDir, Optional.empty(), found, namespace, podName, container, previous);
  }

  /** @param componentLogs the lab's log directory, when this agent may serve its components' mirror pods */
  public static Choice choose(Path dataDir, Optional<Path> componentLogs, Optional<Pod> found, String namespace,
      String podName, String container, boolean previous) {
    if (found.isEmpty()) {
      return new Refused(404, "pods \"" + podName + "\" not found");
    }
    Pod pod = found.get();
    if (MirrorPods.isMirror(pod)) {
      return mirror(componentLogs, pod, podName, container, previous);
    }
    Optional<ContainerStatus> status = pod.getStatus().getContainerStatusesList().stream()
        .filter(s -> s.getName().equals(container)).findFirst();
    if (status.isEmpty()) {
      return new Refused(400, "container \"" + container + "\" in pod \"" + podName + "\" is not available");
    }
    ContainerStatus s = status.get();
    Path dir = dataDir.resolve("pods").resolve(namespace + "_" + podName + "_" + pod.getMetadata().getUid())
        .resolve(container);
    if (previous) {
      if (s.getRestartCount() == 0) {
        return new Refused(400, "previous terminated container \"" + container + "\" in pod \"" + podName
            + "\" not found");
      }
      return new File(dir.resolve((s.getRestartCount() - 1) + ".log"));
    }
    if (s.getState().hasWaiting() && !s.getLastState().hasTerminated() && s.getRestartCount() == 0
        && s.getContainerId().isEmpty()) {
      return new Refused(400, "container \"" + container + "\" in pod \"" + podName + "\" is waiting to start: "
          + s.getState().getWaiting().getReason());
    }
    return new File(dir.resolve(s.getRestartCount() + ".log"));
  }

  private static Choice mirror(Optional<Path> componentLogs, Pod pod, String podName, String container,
      boolean previous) {
    String component = pod.getMetadata().getAnnotationsOrDefault(MirrorPods.ANNOTATION_COMPONENT, "");
    if (pod.getSpec().getContainersList().stream().noneMatch(c -> c.getName().equals(container))
        || componentLogs.isEmpty() || !COMPONENT.matcher(component).matches()) {
      return new Refused(400, "container \"" + container + "\" in pod \"" + podName + "\" is not available");
    }
    if (previous) {
      // the lab appends a restarted component's lines to the same log: there is no separate previous one
      return new Refused(400, "previous terminated container \"" + container + "\" in pod \"" + podName
          + "\" not found");
    }
    return new ComponentLog(componentLogs.get().resolve(component + ".log"));
  }
}
