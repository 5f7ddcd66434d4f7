package io.svclab.cli;

import io.svclab.cli.running.LabChoice;
import io.svclab.cli.running.RunningLabs;
import java.nio.file.Path;

/** Where the lab keeps its state: {@code --data}, else {@code .lab} in the checkout {@code ./lab} ran from. */
final class LabPaths {
  private LabPaths() {}

  /** The data dir {@code ./lab up} uses: the one given, else the default. */
  static Path dataDir(Path explicit) {
    return explicit != null ? explicit.toAbsolutePath().normalize() : defaultDataDir();
  }

  /**
   * The data dir of the lab a verb talks to: the one given, else the running lab's (see
   * {@link LabChoice}); says on stderr which lab that is when it is not the obvious one.
   */
  static Path runningLab(Path explicit) {
    LabChoice choice = LabChoice.choose(explicit == null ? null : explicit.toAbsolutePath().normalize(), defaultDataDir(),
        RunningLabs.forThisUser().list());
    choice.note().ifPresent(System.err::println);
    return choice.dataDir();
  }

  private static Path defaultDataDir() {
    String home = System.getProperty("svclab.home");
    return (home == null ? Path.of(".lab") : Path.of(home, ".lab")).toAbsolutePath().normalize();
  }
}
