package io.svclab.cli;

import io.svclab.cli.launch.Leftovers;
import io.svclab.cli.launch.Preflight;
import io.svclab.cli.netns.LabNamespaces;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab down}: SIGTERM to the running lab's launcher, which stops every process. */
@Command(name = "down", description = "Stop the running lab.")
public final class DownCommand implements Callable<Integer> {
  @Option(names = "--data", description = "Data directory of the lab (default: the running lab's).")
  Path data;

  @Override
  public Integer call() throws Exception {
    Optional<Path> chosen = LabPaths.runningLabToStop(data);
    if (chosen.isEmpty()) {
      return 1;
    }
    Path dataDir = chosen.get();
    Optional<Long> pid = Preflight.runningLab(dataDir);
    if (pid.isEmpty()) {
      List<Long> leftovers = Leftovers.stop(dataDir);
      List<String> namespaces = LabNamespaces.removeRecorded(dataDir);
      if (!leftovers.isEmpty() || !namespaces.isEmpty()) {
        if (!leftovers.isEmpty()) System.out.println(Leftovers.report(dataDir, leftovers));
        if (!namespaces.isEmpty()) {
          System.out.println("removed the network namespaces a dead lab on " + dataDir + " left behind: "
              + String.join(" ", namespaces));
        }
        return 0;
      }
      System.err.println("no lab is running on " + dataDir);
      return 1;
    }
    ProcessHandle lab = ProcessHandle.of(pid.get()).orElseThrow();
    lab.destroy();
    long deadline = System.currentTimeMillis() + 15_000;
    while (lab.isAlive() && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    System.out.println(lab.isAlive() ? "lab (pid " + pid.get() + ") is still stopping" : "lab stopped");
    return lab.isAlive() ? 2 : 0;
  }
}
