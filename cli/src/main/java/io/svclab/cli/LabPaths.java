package io.svclab.cli;

import java.nio.file.Path;

/** Where the lab keeps its state: {@code --data}, else {@code .lab} in the checkout {@code ./lab} ran from. */
final class LabPaths {
  private LabPaths() {}

  static Path dataDir(Path explicit) {
    if (explicit != null) {
      return explicit.toAbsolutePath();
    }
    String home = System.getProperty("svclab.home");
    return (home == null ? Path.of(".lab") : Path.of(home, ".lab")).toAbsolutePath();
  }
}
