package io.svclab.node.kubelet;

import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.Pod;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which log file {@code containerLogs} reads for a pod's container, or kubelet's words for why there
 * is none: the pod dir is {@code <data>/pods/<ns>_<pod>_<uid>/<container>/<restart>.log}.
 */
public final class ContainerLogFiles {
  private ContainerLogFiles() {}

  /** A file to read, or an error with kubelet's HTTP code and message. */
  public sealed interface Choice {}

  public record File(Path path) implements Choice {}

  public record Refused(int code, String message) implements Choice {}

  public static Choice choose(Path dataDir, Optional<Pod> found, String namespace, String podName, String container,
      boolean previous) {
    if (found.isEmpty()) {
      return new Refused(404, "pods \"" + podName + "\" not found");
    }
    Pod pod = found.get();
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
}
