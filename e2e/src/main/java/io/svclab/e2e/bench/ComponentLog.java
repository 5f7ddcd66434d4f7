package io.svclab.e2e.bench;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where one component's start went, read from its own log ({@code HH:mm:ss.SSS LEVEL [name]
 * Logger: message}, client: logging.ConsoleLogging): its first line (the JVM is up and
 * logging), its admin endpoint, and the line that says it does its job.
 */
final class ComponentLog {
  private static final Pattern LINE = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3})\\s+\\S+\\s+\\[[^\\]]*\\]\\s+(.*)$");
  static final String ADMIN_MARKER = "AdminServer: admin endpoint on";

  private ComponentLog() {}

  record Line(LocalTime time, String message) {}

  /** The moments as epoch milliseconds; empty when the log has no such line. */
  record Milestones(OptionalLong firstLine, OptionalLong admin, OptionalLong ready) {}

  /** One log line, or empty for a line that is not one (a stack trace, a continuation). */
  static Optional<Line> parse(String line) {
    Matcher m = LINE.matcher(line);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new Line(LocalTime.parse(m.group(1)), m.group(2)));
  }

  /**
   * The line each component logs once it does its job: the apiserver serves, the controllers
   * have their caches synced (the workload-controller's last controller), the DNS server
   * answers, a node is registered, a node proxy listens on the ClusterIPs.
   */
  static String readyMarker(String component) {
    if (component.equals("apiserver")) {
      return "apiserver serving gRPC on";
    }
    if (component.equals("workload-controller")) {
      return "node-lifecycle-controller: caches synced";
    }
    if (component.equals("endpoints-controller") || component.equals("cloud-lb")) {
      return "caches synced";
    }
    if (component.equals("dns-server")) {
      return "dns-server listening on";
    }
    if (component.startsWith("node-agent-")) {
      return "registered (";
    }
    if (component.startsWith("node-proxy-")) {
      return "UserspaceProxier: listening on [";
    }
    return ADMIN_MARKER;
  }

  static Milestones milestones(String component, List<String> lines, long referenceEpochMs, ZoneId zone) {
    OptionalLong first = OptionalLong.empty();
    OptionalLong admin = OptionalLong.empty();
    OptionalLong ready = OptionalLong.empty();
    String marker = readyMarker(component);
    for (String raw : lines) {
      Optional<Line> parsed = parse(raw);
      if (parsed.isEmpty()) {
        continue;
      }
      long at = epochMillis(parsed.get().time(), referenceEpochMs, zone);
      String message = parsed.get().message();
      if (first.isEmpty()) {
        first = OptionalLong.of(at);
      }
      if (admin.isEmpty() && message.contains(ADMIN_MARKER)) {
        admin = OptionalLong.of(at);
      }
      if (ready.isEmpty() && message.contains(marker)) {
        ready = OptionalLong.of(at);
      }
    }
    return new Milestones(first, admin, ready);
  }

  /** A time of day as the epoch moment nearest to the reference (the log has no date; a start may cross midnight). */
  static long epochMillis(LocalTime time, long referenceEpochMs, ZoneId zone) {
    LocalDate day = java.time.Instant.ofEpochMilli(referenceEpochMs).atZone(zone).toLocalDate();
    long best = 0;
    long bestDistance = Long.MAX_VALUE;
    for (int d = -1; d <= 1; d++) {
      long at = LocalDateTime.of(day.plusDays(d), time).atZone(zone).toInstant().toEpochMilli();
      if (Math.abs(at - referenceEpochMs) < bestDistance) {
        bestDistance = Math.abs(at - referenceEpochMs);
        best = at;
      }
    }
    return best;
  }
}
