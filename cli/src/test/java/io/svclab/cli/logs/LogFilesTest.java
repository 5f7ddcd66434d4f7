package io.svclab.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which file `./lab logs` reads: node-agent's layout under the data dir, and kubectl's --tail. */
class LogFilesTest {
  @TempDir Path data;

  Path write(String relative, long modifiedMillis) throws Exception {
    Path p = data.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, relative + "\n");
    Files.setLastModifiedTime(p.getParent().getParent(), FileTime.fromMillis(modifiedMillis));
    return p;
  }

  @Test
  void podLogIsTheNewestPodsHighestRestart() throws Exception {
    write("nodes/node-1/pods/default_web_uid-old/nginx/0.log", 1_000);
    write("nodes/node-2/pods/default_web_uid-new/nginx/0.log", 2_000);
    Path current = write("nodes/node-2/pods/default_web_uid-new/nginx/10.log", 2_000);
    write("nodes/node-2/pods/default_web_uid-new/nginx/2.log", 2_000);
    Files.setLastModifiedTime(data.resolve("nodes/node-2/pods/default_web_uid-new"), FileTime.fromMillis(2_000));
    Files.setLastModifiedTime(data.resolve("nodes/node-1/pods/default_web_uid-old"), FileTime.fromMillis(1_000));
    write("nodes/node-1/pods/default_web-2_uid-x/nginx/0.log", 3_000);
    write("nodes/node-1/pods/other_web_uid-y/nginx/0.log", 3_000);

    assertThat(LogFiles.pod(data, "default", "web", null)).contains(current);
    assertThat(LogFiles.pod(data, "default", "web", "sidecar")).isEmpty();
    assertThat(LogFiles.pod(data, "default", "missing", null)).isEmpty();
  }

  @Test
  void componentLogsAreListedByName() throws Exception {
    Files.createDirectories(data.resolve("logs"));
    Files.writeString(data.resolve("logs/apiserver.log"), "x\n");
    Files.writeString(data.resolve("logs/node-agent-1.log"), "y\n");
    assertThat(LogFiles.components(data)).containsExactly("apiserver", "node-agent-1");
    assertThat(LogFiles.component(data, "apiserver")).isEqualTo(Optional.of(data.resolve("logs/apiserver.log")));
    assertThat(LogFiles.component(data, "web")).isEmpty();
  }

  static Stream<Arguments> tails() {
    return Stream.of(Arguments.of("-1 keeps everything", -1, List.of("a", "b", "c")),
        Arguments.of("the last two", 2, List.of("b", "c")),
        Arguments.of("more than there are", 10, List.of("a", "b", "c")),
        Arguments.of("zero prints nothing", 0, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tails")
  void tailAsKubectl(String name, int n, List<String> expected) {
    assertThat(LogFiles.tail(List.of("a", "b", "c"), n)).isEqualTo(expected);
  }

  @Test
  void theLastNonBlankLineIsFoundFromTheEndOfABigLog() throws Exception {
    Path log = data.resolve("dns-server.log");
    Files.writeString(log, "x\n".repeat(100_000) + "12:00:01.000 ERROR bind: address already in use\n\n");
    assertThat(LogFiles.lastLine(log)).hasValue("12:00:01.000 ERROR bind: address already in use");
    Files.writeString(log, "");
    assertThat(LogFiles.lastLine(log)).isEmpty();
    assertThat(LogFiles.lastLine(data.resolve("never-written.log"))).isEmpty();
  }
}
