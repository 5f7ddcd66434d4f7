package io.svclab.node.pods;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.function.Consumer;

/** A container's log file, one {@code <restart>.log} per start, in the CRI format ({@code TIME stdout F LINE}). */
final class ContainerLog {
  private ContainerLog() {}

  static Consumer<String> sink(Path file, Clock clock) {
    return line -> {
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, clock.instant() + " stdout F " + line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        // a log that cannot be written is not a reason to fail the container
      }
    };
  }
}
