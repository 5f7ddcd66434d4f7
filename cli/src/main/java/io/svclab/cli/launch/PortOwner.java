package io.svclab.cli.launch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Which process listens on a TCP port, read from /proc (Linux), for "port in use" messages. */
final class PortOwner {
  private PortOwner() {}

  static Optional<String> describe(int port) {
    try {
      Set<String> inodes = new HashSet<>();
      for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
        Path p = Path.of(table);
        if (!Files.exists(p)) {
          continue;
        }
        for (String line : Files.readAllLines(p)) {
          String[] f = line.trim().split("\\s+");
          if (f.length > 9 && f[1].contains(":") && "0A".equals(f[3])
              && Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16) == port) {
            inodes.add(f[9]);
          }
        }
      }
      if (inodes.isEmpty()) {
        return Optional.empty();
      }
      try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
        for (Path proc : procs) {
          try (DirectoryStream<Path> fds = Files.newDirectoryStream(proc.resolve("fd"))) {
            for (Path fd : fds) {
              String target = Files.readSymbolicLink(fd).toString();
              if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                String cmd = Files.readString(proc.resolve("cmdline")).replace('\0', ' ').trim();
                return Optional.of("pid " + proc.getFileName() + ": " + (cmd.length() > 80 ? cmd.substring(0, 80) + "..." : cmd));
              }
            }
          } catch (IOException | SecurityException e) {
            // another user's process: skip
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
