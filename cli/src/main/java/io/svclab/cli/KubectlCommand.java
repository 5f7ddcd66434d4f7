package io.svclab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./lab kubectl ARGS...}: the real kubectl pointed at the running lab's HTTPS API (its
 * {@code <data>/kubeconfig}, written by the apiserver), every argument passed on unchanged.
 */
@Command(name = "kubectl", description = "Run kubectl against the lab (KUBECONFIG=<data>/kubeconfig); arguments go to kubectl.")
public final class KubectlCommand implements Callable<Integer> {
  @Option(names = "--data", description = "Data directory of the lab (default: the running lab's).")
  Path data;

  @Parameters(arity = "0..*", paramLabel = "ARGS", description = "kubectl's own arguments, e.g. get svc")
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    Path kubeconfig = LabPaths.runningLab(data).resolve("kubeconfig");
    if (!Files.exists(kubeconfig)) {
      System.err.println("error: no " + kubeconfig + ": start the lab first with ./lab up");
      return 1;
    }
    List<String> command = new ArrayList<>(List.of("kubectl"));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().put("KUBECONFIG", kubeconfig.toString());
    try {
      return pb.start().waitFor();
    } catch (java.io.IOException e) {
      System.err.println("error: kubectl not found on PATH; install kubectl 1.32 "
          + "(https://kubernetes.io/docs/tasks/tools/install-kubectl-linux/)");
      return 127;
    }
  }
}
