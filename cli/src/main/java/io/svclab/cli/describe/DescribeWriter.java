package io.svclab.cli.describe;

import io.svclab.api.v1.Event;
import io.svclab.client.tables.HumanDuration;
import com.google.protobuf.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * kubectl describe's PrefixWriter plus its shared helpers (multi-line labels and annotations,
 * the Events table), writing into a buffer that {@link TabbedText} aligns at the end.
 */
final class DescribeWriter {
  static final int LEVEL_0 = 0;
  static final int LEVEL_1 = 1;
  static final int LEVEL_2 = 2;
  static final int LEVEL_3 = 3;
  private static final int MAX_ANNOTATION_LEN = 140;
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";
  private static final DateTimeFormatter RFC1123Z = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US);

  private final StringBuilder segment = new StringBuilder();
  private final StringBuilder done = new StringBuilder();
  private final Instant now;
  private final ZoneId zone;

  DescribeWriter(Instant now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  void write(int level, String format, Object... args) {
    segment.append("  ".repeat(level)).append(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
  }

  void writeLine(String text) {
    segment.append(text).append('\n');
  }

  /** Ends the current column blocks, as tabwriter.Flush does before the Events table. */
  void flush() {
    done.append(TabbedText.format(segment.toString()));
    segment.setLength(0);
  }

  String render() {
    flush();
    return done.toString();
  }

  /** Go's {@code time.RFC1123Z}, e.g. {@code Mon, 23 Nov 2026 13:59:20 +0000}. */
  String time(Timestamp t) {
    return RFC1123Z.format(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()).atZone(zone));
  }

  String since(Timestamp t) {
    return t.getSeconds() == 0 ? "<unknown>"
        : HumanDuration.of(Duration.between(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()), now));
  }

  void labels(String title, Map<String, String> labels) {
    write(LEVEL_0, "%s:\t", title);
    if (labels.isEmpty()) {
      writeLine("<none>");
      return;
    }
    boolean first = true;
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      if (!first) {
        write(LEVEL_0, "\t");
      }
      first = false;
      write(LEVEL_0, "%s=%s\n", e.getKey(), e.getValue());
    }
  }

  void annotations(String title, Map<String, String> annotations) {
    write(LEVEL_0, "%s:\t", title);
    TreeMap<String, String> sorted = new TreeMap<>(annotations);
    sorted.remove(LAST_APPLIED);
    if (sorted.isEmpty()) {
      writeLine("<none>");
      return;
    }
    boolean first = true;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      if (!first) {
        write(LEVEL_0, "\t");
      }
      first = false;
      String value = e.getValue().endsWith("\n") ? e.getValue().substring(0, e.getValue().length() - 1) : e.getValue();
      if (value.length() + e.getKey().length() + 2 > MAX_ANNOTATION_LEN || value.contains("\n")) {
        write(LEVEL_0, "%s:\n", e.getKey());
        for (String s : value.split("\n", -1)) {
          String shortened = s.length() > MAX_ANNOTATION_LEN - 2 ? s.substring(0, MAX_ANNOTATION_LEN - 2) + "..." : s;
          write(LEVEL_0, "\t  %s\n", shortened);
        }
      } else {
        write(LEVEL_0, "%s: %s\n", e.getKey(), value);
      }
    }
  }

  /** kubectl's DescribeEvents: oldest first, {@code 5s (x3 over 1m)} for repeated ones. */
  void events(List<Event> events) {
    if (events.isEmpty()) {
      write(LEVEL_0, "Events:\t<none>\n");
      return;
    }
    flush();
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong((Event e) -> last(e).getSeconds()).thenComparingInt(e -> last(e).getNanos()));
    write(LEVEL_0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    write(LEVEL_1, "----\t------\t----\t----\t-------\n");
    for (Event e : sorted) {
      String first = since(e.hasEventTime() && e.getEventTime().getSeconds() != 0 ? e.getEventTime() : e.getFirstTimestamp());
      String interval = e.getCount() > 1 ? since(e.getLastTimestamp()) + " (x" + e.getCount() + " over " + first + ")" : first;
      String source = e.getSource().getComponent().isEmpty() ? e.getReportingComponent() : e.getSource().getComponent();
      write(LEVEL_1, "%s\t%s\t%s\t%s\t%s\n", e.getType(), e.getReason(), interval, source, e.getMessage().strip());
    }
  }

  private static Timestamp last(Event e) {
    return e.getLastTimestamp().getSeconds() != 0 ? e.getLastTimestamp() : e.getEventTime();
  }
}
