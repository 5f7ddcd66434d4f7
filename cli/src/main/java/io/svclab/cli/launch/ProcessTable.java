package io.svclab.cli.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code <data>/processes.tsv}: the supervisor writes it (atomically, on every start and restart);
 * {@code status}, {@code down}, {@code demo} and the benchmarks read it. One line per process:
 * name, pid, health URL, listens, spawn time (epoch ms), and for a process in a network namespace
 * of its own ({@code --netns}) that namespace, tab-separated.
 */
public final class ProcessTable {
  private ProcessTable() {}

  public static Path file(Path dataDir) {
    return dataDir.resolve("processes.tsv");
  }

  public static void write(Path dataDir, List<ProcessRow> rows) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (ProcessRow r : rows) {
      sb.append(r.name()).append('\t').append(r.pid()).append('\t').append(r.healthUrl()).append('\t')
          .append(r.listens()).append('\t').append(r.startedAtMillis());
      if (!r.netns().isEmpty()) {
        sb.append('\t').append(r.netns());
      }
      sb.append('\n');
    }
    Path tmp = dataDir.resolve("processes.tsv.tmp");
    Files.writeString(tmp, sb.toString());
    Files.move(tmp, file(dataDir), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The recorded processes; none when the lab never started here. Malformed lines are skipped. */
  public static List<ProcessRow> read(Path dataDir) throws IOException {
    Path f = file(dataDir);
    return Files.exists(f) ? parse(Files.readString(f)) : List.of();
  }

  public static List<ProcessRow> parse(String tsv) {
    List<ProcessRow> rows = new ArrayList<>();
    for (String line : tsv.split("\n")) {
      String[] f = line.split("\t");
      if (f.length < 5) {
        continue;
      }
      try {
        rows.add(new ProcessRow(f[0], Long.parseLong(f[1]), f[2], f[3], Long.parseLong(f[4].trim()),
            f.length > 5 ? f[5].trim() : ""));
      } catch (NumberFormatException e) {
        // a line from an older or damaged table: not a process we can act on
      }
    }
    return rows;
  }
}
