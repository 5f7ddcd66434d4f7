package io.svclab.cli.launch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One AppCDS archive for every lab JVM. Eleven JVMs on two cores spend most of their start
 * parsing and verifying the same grpc, netty, protobuf and pekko classes; mapping them from a
 * shared archive instead takes a large part of that off `./lab up`.
 *
 * <p>The archive is trained, not hand-listed: a run without a valid archive has each child
 * write the classes it loads ({@code -XX:DumpLoadedClassList}); once the lab is healthy the
 * lists are merged and dumped into one static archive, used from the next start on. It lives
 * beside the jars ({@code cli/target/cds}), so a rebuild (newer jars) retires it.
 *
 * <p>{@code SVCLAB_CLASS_DATA=off} leaves it out entirely (children neither map the archive nor
 * record classes; the JDK's own default archive still applies through {@code -Xshare:auto}), so
 * {@code ./lab bench start} can time the lab with and without it.
 */
public final class ClassDataSharing {
  private static final String ARCHIVE = "lab.jsa";
  /** The environment variable that turns the archive off for one start. */
  public static final String SWITCH = "SVCLAB_CLASS_DATA";

  private final Path dir;
  private final String classPath;
  private final boolean enabled;
  private final boolean archived;

  public ClassDataSharing(Path dir, String classPath) {
    this(dir, classPath, true);
  }

  ClassDataSharing(Path dir, String classPath, boolean enabled) {
    this.dir = dir;
    this.classPath = classPath;
    this.enabled = enabled;
    this.archived = enabled && archiveIsCurrent(dir.resolve(ARCHIVE), classPath);
  }

  /** Where the launcher keeps it: next to the cli jar's build output. */
  public static ClassDataSharing forThisLauncher() {
    String home = System.getProperty("svclab.home", ".");
    return new ClassDataSharing(Path.of(home, "cli", "target", "cds").toAbsolutePath(),
        System.getProperty("java.class.path"), enabledBy(System.getenv(SWITCH)));
  }

  /** Unset, empty or anything but off/0/false/no means on. */
  static boolean enabledBy(String value) {
    return value == null || !java.util.Set.of("off", "0", "false", "no").contains(value.trim().toLowerCase(java.util.Locale.ROOT));
  }

  public boolean enabled() { return enabled; }

  public boolean archived() { return archived; }

  /** The options one child starts with: map the archive, or record its classes for the next one. */
  public List<String> childOptions(String component) {
    if (!enabled) {
      return List.of();
    }
    if (archived) {
      // Map the archive at the address it was dumped for instead of relocating every pointer in
      // it (JDK 17.0.x's default, for ASLR): relocating the ~75 MB archive cost each JVM about
      // 0.2 s of CPU, measured with `java -version`, which nine JVMs on two cores wait for in
      // turn. If that address is taken the JVM still relocates; nothing else changes.
      return List.of("-XX:SharedArchiveFile=" + dir.resolve(ARCHIVE), "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
          "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    }
    return List.of("-XX:DumpLoadedClassList=" + dir.resolve(component + ".classlist"));
  }

  public void prepare() throws IOException {
    Files.createDirectories(dir);
  }

  /** Dumps the archive in the background at low priority; the next `./lab up` maps it. Never blocks the lab. */
  public void trainInBackground(PrintStream console) {
    if (archived || !enabled) {
      return;
    }
    Thread t = new Thread(() -> train(console), "cds-dump");
    t.setDaemon(true);
    t.start();
  }

  /** Merges the children's class lists and dumps them into the archive; true when it was written. */
  public boolean train(PrintStream console) {
    if (!enabled) {
      console.printf("lab                 | class-data archive not written: %s=off%n", SWITCH);
      return false;
    }
    try {
      Path merged = mergeClassLists();
      if (merged == null) {
        return false;
      }
      Path tmp = dir.resolve(ARCHIVE + ".tmp");
      List<String> cmd = List.of("nice", "-n", "10", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Xshare:dump", "-XX:SharedClassListFile=" + merged, "-XX:SharedArchiveFile=" + tmp, "-Xlog:cds=off",
          "-cp", classPath);
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("dump.log").toFile()).start();
      if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.size(tmp) > 0) {
        Files.move(tmp, dir.resolve(ARCHIVE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        console.printf("lab                 | class-data archive written (%s); the next ./lab up starts faster%n",
            dir.resolve(ARCHIVE));
        return true;
      }
      p.destroyForcibly();
      console.printf("lab                 | class-data archive not written (see %s)%n", dir.resolve("dump.log"));
      return false;
    } catch (IOException e) {
      console.printf("lab                 | class-data archive not written: %s%n", e.getMessage());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Path mergeClassLists() throws IOException {
    Set<String> lines = new LinkedHashSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".classlist")).toList()) {
        lines.addAll(Files.readAllLines(f));
      }
    }
    if (lines.isEmpty()) {
      return null;
    }
    Path merged = dir.resolve("lab.merged.classlist");
    Files.write(merged, lines);
    return merged;
  }

  /** Current when it exists and is newer than every jar and class directory it was dumped from. */
  static boolean archiveIsCurrent(Path archive, String classPath) {
    try {
      if (!Files.isRegularFile(archive)) {
        return false;
      }
      long built = Files.getLastModifiedTime(archive).toMillis();
      for (String entry : classPath.split(java.io.File.pathSeparator)) {
        Path p = Path.of(entry);
        if (Files.exists(p) && Files.getLastModifiedTime(p).toMillis() > built) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
