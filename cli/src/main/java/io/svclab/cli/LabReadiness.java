package io.svclab.cli;

import io.svclab.cli.launch.HealthProbe;
import io.svclab.cli.launch.Preflight;
import io.svclab.cli.launch.ProcessRow;
import io.svclab.cli.launch.ProcessTable;
import io.svclab.cli.topology.ControlPlanePlan;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A verb run against a lab that is still starting waits for it (saying so once) instead of
 * failing half-way: every recorded process healthy, then every node Ready.
 */
final class LabReadiness {
  private LabReadiness() {}

  /** Empty when the lab is ready (or is not one this checkout started: then the API answers for itself); else why not. */
  static Optional<String> await(Path dataDir, Duration ceiling, PrintStream err) throws IOException, InterruptedException {
    if (Preflight.runningLab(dataDir).isEmpty()) {
      return Optional.empty();
    }
    List<ProcessRow> rows = ProcessTable.read(dataDir);
    HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));
    long deadline = System.nanoTime() + ceiling.toNanos();
    List<String> pending = pending(rows, probe);
    if (!pending.isEmpty()) {
      err.println("svclab: the lab on " + dataDir + " is still starting (" + String.join(", ", pending)
          + "); waiting up to " + ceiling.toSeconds() + " s");
    }
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(500);
      pending = pending(ProcessTable.read(dataDir), probe);
    }
    List<String> names = ProcessTable.read(dataDir).stream().map(ProcessRow::name).toList();
    int nodes = (int) names.stream().filter(n -> n.startsWith("node-agent")).count();
    if (pending.isEmpty() && NodeReadiness.await(nodes, ControlPlanePlan.apiTargetsOf(names),
        Duration.ofNanos(Math.max(0, deadline - System.nanoTime())).plusSeconds(1))) {
      return Optional.empty();
    }
    return Optional.of("the lab on " + dataDir + " is not ready after " + ceiling.toSeconds() + " s ("
        + (pending.isEmpty() ? "nodes not Ready" : "still starting: " + String.join(", ", pending))
        + "): see ./lab status and " + dataDir.resolve("logs"));
  }

  private static List<String> pending(List<ProcessRow> rows, HealthProbe probe) {
    if (rows.isEmpty()) {
      return List.of("its processes");  // the launcher runs but has not recorded what it started yet
    }
    return rows.stream().filter(r -> !probe.healthy(r.netns(), r.healthUrl())).map(ProcessRow::name).toList();
  }
}
