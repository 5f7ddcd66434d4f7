package io.svclab.cli.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a dead lab (its {@code ./lab up} killed with -9) left running: the processes recorded in
 * its {@code processes.tsv} that are still alive and are still that component (their command
 * line names it), so a reused pid is never touched.
 */
public final class Leftovers {
  private Leftovers() {}

  /** Stops the dead lab's processes (SIGTERM, SIGKILL after 3 s); returns their pids. */
  public static List<Long> stop(Path dataDir) throws InterruptedException {
    List<ProcessHandle> alive = new ArrayList<>();
    try {
      for (ProcessRow row : ProcessTable.read(dataDir)) {
        ProcessHandle.of(row.pid()).filter(ProcessHandle::isAlive)
            .filter(h -> h.info().commandLine().map(c -> isComponent(c, row.name(), dataDir)).orElse(false))
            .ifPresent(alive::add);
      }
    } catch (IOException e) {
      return List.of();
    }
    alive.forEach(ProcessHandle::destroy);
    long deadline = System.currentTimeMillis() + 3000;
    while (alive.stream().anyMatch(ProcessHandle::isAlive) && System.currentTimeMillis() < deadline) {
      Thread.sleep(100);
    }
    alive.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    return alive.stream().map(ProcessHandle::pid).toList();
  }

  /**
   * Whether {@code commandLine} is still the lab's process {@code name}: a JVM of ours names its
   * component ({@code -Dsvclab.component=}), an etcd member its data directory under this lab's.
   */
  static boolean isComponent(String commandLine, String name, Path dataDir) {
    return commandLine.contains("-Dsvclab.component=" + name + " ")
        || commandLine.endsWith("-Dsvclab.component=" + name)
        || commandLine.contains("--data-dir=" + dataDir.resolve("etcd").resolve(name) + " ");
  }

  /** The one line `up` and `down` print after {@link #stop}. */
  public static String report(Path dataDir, List<Long> pids) {
    return "stopped " + pids.size() + " processes a dead lab on " + dataDir + " left behind (pids " + pids + ")";
  }
}
