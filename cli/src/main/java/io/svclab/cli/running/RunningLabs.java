package io.svclab.cli.running;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where running labs record themselves, so verbs run without {@code --data} find a lab started
 * with it: one file per lab, named by the launcher's pid, holding its data dir and start time.
 * A record counts only while that pid is alive and owns the data dir's {@code lab.pid} (a reused
 * pid does not); records of dead launchers are dropped when read.
 */
public final class RunningLabs {
  /** Overrides the records' directory (tests; several checkouts that must not see each other). */
  public static final String DIR_PROPERTY = "svclab.labs.dir";

  private final Path dir;

  public RunningLabs(Path dir) {
    this.dir = dir;
  }

  public static RunningLabs forThisUser() {
    String override = System.getProperty(DIR_PROPERTY, System.getenv("SVCLAB_LABS_DIR"));
    return new RunningLabs(override != null && !override.isBlank() ? Path.of(override)
        : Path.of(System.getProperty("user.home"), ".svclab", "labs"));
  }

  /** Records this launcher as the lab on {@code dataDir}; best effort (a read-only home only loses the lookup). */
  public Optional<Path> record(long pid, Path dataDir, long startedAtMillis) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve(Long.toString(pid));
      Path tmp = dir.resolve(pid + ".tmp");
      Files.writeString(tmp, dataDir.toAbsolutePath().normalize() + "\n" + startedAtMillis + "\n");
      Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(file);
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  public void forget(long pid) {
    try {
      Files.deleteIfExists(dir.resolve(Long.toString(pid)));
    } catch (IOException ignored) {
      // a stale record is dropped by the next reader
    }
  }

  /** The labs that are running now. */
  public List<RunningLab> list() {
    List<RunningLab> labs = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return labs;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().matches("\\d+")).sorted().toList()) {
        Optional<RunningLab> lab = read(f);
        if (lab.isEmpty() || !alive(lab.get().pid())) {
          Files.deleteIfExists(f);
        } else if (owns(lab.get())) {
          labs.add(lab.get());
        }  // else: alive but not (yet, or no longer) the owner of its dir's lab.pid: not a lab to talk to
      }
    } catch (IOException e) {
      return labs;
    }
    return labs;
  }

  private static Optional<RunningLab> read(Path f) {
    try {
      List<String> lines = Files.readAllLines(f);
      long pid = Long.parseLong(f.getFileName().toString());
      return Optional.of(new RunningLab(pid, Path.of(lines.get(0)), Long.parseLong(lines.get(1).trim())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean alive(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static boolean owns(RunningLab lab) {
    try {
      return Long.parseLong(Files.readString(lab.dataDir().resolve("lab.pid")).trim()) == lab.pid();
    } catch (IOException | NumberFormatException e) {
      return false;
    }
  }
}
