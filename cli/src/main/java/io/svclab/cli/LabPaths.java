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

  /**
   * The data dir of the lab a verb that stops it acts on: as {@link #runningLab}, but when several
   * labs run and none is the default, nothing is guessed (empty, and the labs are named on stderr).
   */
  static java.util.Optional<Path> runningLabToStop(Path explicit) {
    LabChoice choice = LabChoice.choose(explicit == null ? null : explicit.toAbsolutePath().normalize(), defaultDataDir(),
        RunningLabs.forThisUser().list());
    if (choice.refusal().isPresent()) {
      System.err.println(choice.refusal().get());
      return java.util.Optional.empty();
    }
    choice.note().ifPresent(System.err::println);
    return java.util.Optional.of(choice.dataDir());
  }

  private static Path defaultDataDir() {
    String home = System.getProperty("svclab.home");
    return (home == null ? Path.of(".lab") : Path.of(home, ".lab")).toAbsolutePath().normalize();
  }
}
