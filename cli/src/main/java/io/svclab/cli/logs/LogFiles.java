package io.svclab.cli.logs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the lab's logs are: {@code <data>/logs/<component>.log} for each process, and for pods
 * the files node-agent writes, {@code <data>/nodes/<node>/pods/<ns>_<name>_<uid>/<container>/<restart>.log}.
 */
public final class LogFiles {
  private LogFiles() {}

  public static Optional<Path> component(Path dataDir, String component) {
    Path p = dataDir.resolve("logs").resolve(component + ".log");
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  public static List<String> components(Path dataDir) throws IOException {
    Path logs = dataDir.resolve("logs");
    if (!Files.isDirectory(logs)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(logs)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
          .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
    }
  }

  /**
   * The current log of a pod's container (the highest restart number of the newest pod
   * directory: a pod deleted and created again under the same name has a new uid). With no
   * container named, the first container directory in name order, as a single-container pod has.
   */
  public static Optional<Path> pod(Path dataDir, String namespace, String pod, String container) throws IOException {
    Path nodes = dataDir.resolve("nodes");
    if (!Files.isDirectory(nodes)) {
      return Optional.empty();
    }
    String prefix = namespace + "_" + pod + "_";
    Optional<Path> podDir;
    try (Stream<Path> s = Files.walk(nodes, 3)) {
      podDir = s.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals("pods"))
          .filter(p -> p.getFileName().toString().startsWith(prefix)
              && p.getFileName().toString().substring(prefix.length()).indexOf('_') < 0)
          .max(Comparator.comparingLong(LogFiles::modified));
    }
    if (podDir.isEmpty()) {
      return Optional.empty();
    }
    Path containerDir;
    if (container != null) {
      containerDir = podDir.get().resolve(container);
    } else {
      try (Stream<Path> s = Files.list(podDir.get())) {
        Optional<Path> first = s.filter(Files::isDirectory).sorted().findFirst();
        if (first.isEmpty()) {
          return Optional.empty();
        }
        containerDir = first.get();
      }
    }
    if (!Files.isDirectory(containerDir)) {
      return Optional.empty();
    }
    try (Stream<Path> s = Files.list(containerDir)) {
      return s.filter(p -> p.getFileName().toString().matches("\\d+\\.log"))
          .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replace(".log", ""))));
    }
  }

  /** The last non-blank line of a (possibly large, possibly growing) log file, reading only its end. */
  public static Optional<String> lastLine(Path file) {
    try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, 64 * 1024);
      byte[] end = new byte[size];
      in.seek(length - size);
      in.readFully(end);
      List<String> lines = new String(end, java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
      return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The last {@code n} lines ({@code n < 0}: all), as {@code kubectl logs --tail}. */
  public static List<String> tail(List<String> lines, int n) {
    return n < 0 || n >= lines.size() ? lines : lines.subList(lines.size() - n, lines.size());
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
