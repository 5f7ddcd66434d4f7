package io.svclab.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

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
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new DemoFailure("kubectl on PATH (install kubectl 1.32: "
          + "https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/)");
    }
    try {
      p.getOutputStream().close();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
      boolean exited = p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (!exited) {
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
      }
      return new Result(exited ? p.exitValue() : 124, new String(out.join(), StandardCharsets.UTF_8),
          new String(err.join(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DemoFailure("kubectl's output: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new DemoFailure("interrupted while kubectl ran");
    }
  }

  private static byte[] readAll(java.io.InputStream in) {
    try (in) {
      return in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
