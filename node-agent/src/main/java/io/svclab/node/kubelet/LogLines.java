package io.svclab.node.kubelet;

import io.svclab.client.streams.PodLogOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code kubectl logs} shows of a container's CRI-format log ({@code TIME stdout F LINE}):
 * the lines since a time, the last N, with or without the timestamp, cut at a byte limit.
 */
public final class LogLines {
  private LogLines() {}

  /** One CRI log line: its time (null if unreadable) and the text the container wrote. */
  public record Entry(Instant time, String timeText, String text) {}

  public static Entry parse(String criLine) {
    String[] parts = criLine.split(" ", 4);
    if (parts.length < 4) {
      return new Entry(null, "", criLine);
    }
    Instant t;
    try {
      t = Instant.parse(parts[0]);
    } catch (DateTimeParseException e) {
      t = null;
    }
    return new Entry(t, parts[0], parts[3]);
  }

  /** A line of a log that is not in CRI format (a lab component's own): no time, the whole line is text. */
  public static Entry plain(String line) {
    return new Entry(null, "", line);
  }

  /** The lines to send for the file's current content, each ending in a newline. */
  public static List<String> select(List<String> criLines, PodLogOptions o, Instant now) {
    return selectEntries(criLines.stream().map(LogLines::parse).toList(), o, now);
  }

  /** As {@link #select}, over lines already parsed ({@code --since} keeps lines without a time). */
  public static List<String> selectEntries(List<Entry> entries, PodLogOptions o, Instant now) {
    Optional<Instant> earliest = o.earliest(now);
    List<String> out = new ArrayList<>();
    for (Entry e : entries) {
      if (earliest.isPresent() && e.time() != null && e.time().isBefore(earliest.get())) {
        continue;
      }
      out.add(render(e, o.timestamps()));
    }
    if (o.tailLines().isPresent() && out.size() > o.tailLines().getAsLong()) {
      out = out.subList(out.size() - (int) o.tailLines().getAsLong(), out.size());
    }
    if (o.limitBytes().isPresent()) {
      return cut(out, o.limitBytes().getAsLong());
    }
    return List.copyOf(out);
  }

  public static String render(Entry e, boolean timestamps) {
    return (timestamps && !e.timeText().isEmpty() ? e.timeText() + " " : "") + e.text() + "\n";
  }

  private static List<String> cut(List<String> lines, long limit) {
    List<String> out = new ArrayList<>();
    long left = limit;
    for (String l : lines) {
      byte[] b = l.getBytes(StandardCharsets.UTF_8);
      if (b.length <= left) {
        out.add(l);
        left -= b.length;
      } else {
        if (left > 0) {
          out.add(new String(b, 0, (int) left, StandardCharsets.UTF_8));
        }
        break;
      }
    }
    return out;
  }
}
