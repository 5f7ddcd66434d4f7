package io.svclab.cli.demo;

import io.svclab.client.process.BoundedRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the real {@code kubectl} against the lab ({@code KUBECONFIG=<data>/kubeconfig}), as
 * {@code ./lab kubectl} does, and captures what it printed: "from a pod" in a demo is
 * {@code kubectl exec}, the apiserver's pods/exec through node-agent into the pod's image.
 */
final class PodExec {
  /** What one kubectl run printed and how it exited (124, as timeout(1) says, when it had to be stopped). */
  record Result(int exitCode, String stdout, String stderr) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final Path kubeconfig;

  PodExec(Path kubeconfig) {
    this.kubeconfig = kubeconfig;
  }

  /** {@code kubectl ARGS...}; a missing kubeconfig or kubectl fails the demo saying what to do. */
  Result kubectl(List<String> args) {
    if (!Files.exists(kubeconfig)) {
      throw new DemoFailure("the lab's kubeconfig at " + kubeconfig + " (is the lab's data directory "
          + kubeconfig.getParent() + "? pass --data DIR as given to ./lab up)");
    }
    List<String> command = new ArrayList<>(List.of("kubectl"));
    command.addAll(args);
    BoundedRun.Outcome o = BoundedRun.run(command, Map.of("KUBECONFIG", kubeconfig.toString()), null, TIMEOUT);
    return switch (o.ending()) {
      case EXITED -> new Result(o.exitCode(), o.stdout(), o.stderr());
      case TIMED_OUT -> new Result(124, o.stdout(), o.stderr());
      case NOT_STARTED -> throw new DemoFailure("kubectl on PATH (install kubectl 1.32: "
          + "https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/)");
      case INTERRUPTED -> throw new DemoFailure("interrupted while kubectl ran");
    };
  }
}
