package io.svclab.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What `./lab bench start` reads: the launcher's ready line, its process table, and each component's log. */
class LabStartParsingTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  static Stream<Arguments> logLines() {
    return Stream.of(
        Arguments.of("info line", "13:53:54.510 INFO  [apiserver] ServiceProcess: apiserver starting (pid 9104)",
            new ComponentLog.Line(LocalTime.of(13, 53, 54, 510_000_000), "ServiceProcess: apiserver starting (pid 9104)")),
        Arguments.of("warn line with brackets in the message",
            "13:54:11.800 WARN  [node-agent-2] NodeRegistration: lease [x] failed",
            new ComponentLog.Line(LocalTime.of(13, 54, 11, 800_000_000), "NodeRegistration: lease [x] failed")),
        Arguments.of("a stack trace line is not a log line", "\tat io.grpc.Foo.bar(Foo.java:12)", null),
        Arguments.of("JVM output before logging is not a log line", "OpenJDK 64-Bit Server VM warning: x", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("logLines")
  void logLinesAreParsed(String name, String line, ComponentLog.Line expected) {
    assertThat(ComponentLog.parse(line).orElse(null)).isEqualTo(expected);
  }

  static Stream<Arguments> dayCrossings() {
    return Stream.of(
        Arguments.of("same day", "2026-12-02T13:53:45.892Z", "13:53:54.510", "2026-12-02T13:53:54.510Z"),
        Arguments.of("spawned before midnight, logged after", "2026-12-02T23:59:58Z", "00:00:03.000", "2026-12-03T00:00:03Z"),
        Arguments.of("reference after midnight, line before", "2026-12-03T00:00:01Z", "23:59:59.500", "2026-12-02T23:59:59.500Z"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dayCrossings")
  void aTimeOfDayIsTheNearestMoment(String name, String reference, String time, String expected) {
    long ref = ZonedDateTime.parse(reference).toInstant().toEpochMilli();
    assertThat(ComponentLog.epochMillis(LocalTime.parse(time), ref, UTC))
        .isEqualTo(ZonedDateTime.parse(expected).toInstant().toEpochMilli());
  }

  @Test
  void milestonesAreTheFirstLineTheAdminEndpointAndTheReadyLine() {
    long ref = ZonedDateTime.parse("2026-12-02T13:53:45.000Z").toInstant().toEpochMilli();
    List<String> log = List.of(
        "13:53:57.534 INFO  [node-proxy-1] ServiceProcess: node-proxy starting (pid 9125)",
        "13:54:03.378 INFO  [node-proxy-1] AdminServer: admin endpoint on http://127.0.10.1:10249 (/metrics, /healthz, /readyz)",
        "13:54:05.477 INFO  [node-proxy-1] UserspaceProxier: listening on [127.96.0.1:443/TCP]",
        "13:54:06.000 INFO  [node-proxy-1] UserspaceProxier: listening on [127.96.0.2:80/TCP]");
    ComponentLog.Milestones m = ComponentLog.milestones("node-proxy-1", log, ref, UTC);
    assertThat(m.firstLine()).hasValue(ref + 12_534);
    assertThat(m.admin()).hasValue(ref + 18_378);
    assertThat(m.ready()).hasValue(ref + 20_477);
  }

  @Test
  void aLogWithoutTheLinesHasNoMilestones() {
    ComponentLog.Milestones m = ComponentLog.milestones("apiserver", List.of("Error: could not find main class"), 0, UTC);
    assertThat(m).isEqualTo(new ComponentLog.Milestones(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()));
  }

  static Stream<Arguments> readyMarkers() {
    return Stream.of(
        Arguments.of("apiserver", "apiserver serving gRPC on"),
        Arguments.of("endpoints-controller", "caches synced"),
        Arguments.of("workload-controller", "node-lifecycle-controller: caches synced"),
        Arguments.of("cloud-lb", "caches synced"),
        Arguments.of("dns-server", "dns-server listening on"),
        Arguments.of("node-agent-2", "registered ("),
        Arguments.of("node-proxy-1", "UserspaceProxier: listening on ["),
        Arguments.of("something-new", ComponentLog.ADMIN_MARKER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readyMarkers")
  void eachComponentHasItsReadyLine(String component, String marker) {
    assertThat(ComponentLog.readyMarker(component)).isEqualTo(marker);
  }

  static Stream<Arguments> launcherLines() {
    return Stream.of(
        Arguments.of("ready", "svclab is up in 5.3 s (data: /tmp/x). Try: ./lab status", OptionalDouble.of(5.3)),
        Arguments.of("ready, decimal comma", "svclab is up in 12,7 s (data: /tmp/x).", OptionalDouble.of(12.7)),
        Arguments.of("not healthy", "svclab started in 33.4 s but not healthy yet: [apiserver]", OptionalDouble.of(33.4)),
        Arguments.of("another line", "apiserver           | 13:49:24.500 INFO  [apiserver] x", OptionalDouble.empty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("launcherLines")
  void theLaunchersFigureIsRead(String name, String line, OptionalDouble expected) {
    assertThat(LabStart.printedSeconds(line)).isEqualTo(expected);
  }

  static Stream<Arguments> floorCommands() {
    return Stream.of(
        Arguments.of("the lab's options are kept, the main class and its flags become -version",
            List.of("/usr/lib/jvm/java-17/bin/java", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:SharedArchiveFile=/r/lab.jsa",
                "-Dsvclab.component=apiserver", "-cp", "/r/a.jar:/r/b.jar", "io.svclab.apiserver.ApiServerMain", "--port", "6443"),
            List.of("/usr/lib/jvm/java-17/bin/java", "-XX:+UseSerialGC", "-Xshare:auto", "-XX:SharedArchiveFile=/r/lab.jsa",
                "-Dsvclab.component=apiserver", "-cp", "/r/a.jar:/r/b.jar", "-version")),
        Arguments.of("-classpath is the same as -cp",
            List.of("java", "-classpath", "x.jar", "Main"), List.of("java", "-classpath", "x.jar", "-version")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("floorCommands")
  void theFloorRunsTheSameJvm(String name, List<String> cmdline, List<String> expected) {
    assertThat(LabStart.versionCommand(cmdline)).isEqualTo(expected);
  }
}
