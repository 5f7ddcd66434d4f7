package io.svclab.cli;

import io.svclab.cli.launch.HealthProbe;
import io.svclab.cli.launch.Preflight;
import io.svclab.cli.launch.ProcessRow;
import io.svclab.cli.launch.ProcessTable;
import io.svclab.cli.netns.LabNamespaces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab status}: every process of the running lab, its pid, ports, health and uptime. */
@Command(name = "status", description = "Show every process of the running lab and its health.")
public final class StatusCommand implements Callable<Integer> {
  @Option(names = "--data", description = "Data directory of the lab (default: the running lab's).")
  Path data;

  @Override
  public Integer call() throws Exception {
    Path dataDir = LabPaths.runningLab(data);
    List<ProcessRow> rows = ProcessTable.read(dataDir);
    if (rows.isEmpty() || Preflight.runningLab(dataDir).isEmpty()) {
      System.err.println("no lab is running on " + dataDir + "; start one with ./lab up");
      return 1;
    }
    HealthProbe probe = new HealthProbe(Duration.ofSeconds(1));
    System.out.printf("%-20s %-8s %-9s %-8s %s%n", "COMPONENT", "PID", "HEALTH", "UPTIME", "LISTENS");
    int unhealthy = 0;
    for (ProcessRow row : rows) {
      boolean alive = ProcessHandle.of(row.pid()).map(ProcessHandle::isAlive).orElse(false);
      String health = alive ? probe.check(row.netns(), row.healthUrl()) : "down";
      if (!HealthProbe.HEALTHY.equals(health)) {
        unhealthy++;
      }
      long up = (System.currentTimeMillis() - row.startedAtMillis()) / 1000;
      System.out.printf("%-20s %-8d %-9s %-8s %s%n", row.name(), row.pid(), health, up / 60 + "m" + up % 60 + "s",
          row.listens());
    }
    var network = LabNamespaces.recorded(dataDir);
    if (network.isPresent()) {
      System.out.println();
      System.out.println("NETWORK NAMESPACES");
      LabNamespaces.existing(network.get()).forEach(System.out::println);
    }
    return unhealthy == 0 ? 0 : 2;
  }
}
