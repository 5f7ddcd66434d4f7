package io.svclab.node.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.client.streams.PodLogOptions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LogLinesTest {
  static final List<String> FILE = List.of(
      "2026-12-02T10:00:00Z stdout F first",
      "2026-12-02T10:00:30Z stdout F second line",
      "2026-12-02T10:01:00Z stdout F third");
  static final Instant NOW = Instant.parse("2026-12-02T10:01:10Z");

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Named.of("everything, text only", Map.of()), List.of("first\n", "second line\n", "third\n")),
        Arguments.of(Named.of("last line", Map.of("tailLines", List.of("1"))), List.of("third\n")),
        Arguments.of(Named.of("tail 0 is nothing", Map.of("tailLines", List.of("0"))), List.of()),
        Arguments.of(Named.of("tail longer than the file", Map.of("tailLines", List.of("10"))),
            List.of("first\n", "second line\n", "third\n")),
        Arguments.of(Named.of("timestamps kept", Map.of("timestamps", List.of("true"), "tailLines", List.of("1"))),
            List.of("2026-12-02T10:01:00Z third\n")),
        Arguments.of(Named.of("since 45 s", Map.of("sinceSeconds", List.of("45"))),
            List.of("second line\n", "third\n")),
        Arguments.of(Named.of("sinceTime", Map.of("sinceTime", List.of("2026-12-02T10:01:00Z"))), List.of("third\n")),
        Arguments.of(Named.of("limitBytes cuts inside a line", Map.of("limitBytes", List.of("9"))),
            List.of("first\n", "sec")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void selectsWhatKubectlAsked(Map<String, List<String>> query, List<String> expected) {
    assertThat(LogLines.select(FILE, PodLogOptions.parse(query), NOW)).isEqualTo(expected);
  }

  @ParameterizedTest
  @MethodSource("lines")
  void parsesCriLines(String raw, String text) {
    assertThat(LogLines.parse(raw).text()).isEqualTo(text);
  }

  static Stream<Arguments> lines() {
    return Stream.of(
        Arguments.of(Named.of("text with spaces", "2026-12-02T10:00:00Z stdout F a b  c"), "a b  c"),
        Arguments.of(Named.of("empty line", "2026-12-02T10:00:00Z stdout F "), ""),
        Arguments.of(Named.of("not CRI: kept whole", "garbage"), "garbage"));
  }

  @ParameterizedTest
  @MethodSource("plainCases")
  void plainLinesAreTextWithoutTime(Map<String, List<String>> query, List<String> expected) {
    List<LogLines.Entry> component = List.of(LogLines.plain("02:47:02.938 INFO  [node-proxy-1] starting"),
        LogLines.plain("02:47:05.748 INFO  [node-proxy-1] userspace proxier"));
    assertThat(LogLines.selectEntries(component, PodLogOptions.parse(query), NOW)).isEqualTo(expected);
  }

  static Stream<Arguments> plainCases() {
    return Stream.of(
        Arguments.of(Named.of("whole lines", Map.of()), List.of("02:47:02.938 INFO  [node-proxy-1] starting\n",
            "02:47:05.748 INFO  [node-proxy-1] userspace proxier\n")),
        Arguments.of(Named.of("tail", Map.of("tailLines", List.of("1"))),
            List.of("02:47:05.748 INFO  [node-proxy-1] userspace proxier\n")),
        Arguments.of(Named.of("no timestamp to add", Map.of("timestamps", List.of("true"), "tailLines", List.of("1"))),
            List.of("02:47:05.748 INFO  [node-proxy-1] userspace proxier\n")),
        Arguments.of(Named.of("since keeps lines without a time", Map.of("sinceSeconds", List.of("1"))),
            List.of("02:47:02.938 INFO  [node-proxy-1] starting\n", "02:47:05.748 INFO  [node-proxy-1] userspace proxier\n")));
  }
}
