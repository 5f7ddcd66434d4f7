package io.svclab.apiserver.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.apiserver.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The pure parts of pods/exec: the query, the channel framing, the exit Status. */
class ExecStreamsTest {
  static Stream<Arguments> queries() {
    return Stream.of(
        Arguments.of(Named.of("kubectl exec POD -- echo hi", Map.of("command", List.of("echo", "hi"),
            "stdout", List.of("true"), "stderr", List.of("true"))), "command=echo&command=hi", ""),
        Arguments.of(Named.of("a script with spaces and quotes, -c tools", Map.of("command",
            List.of("sh", "-c", "echo 'a b'&&x=1"), "container", List.of("tools"), "stdout", List.of("1"))),
            "command=sh&command=-c&command=echo%20%27a%20b%27%26%26x%3D1", "tools"),
        Arguments.of(Named.of("kubectl exec -it POD -- sh: stdin and tty go to the node", Map.of("command",
            List.of("sh"), "stdin", List.of("true"), "stdout", List.of("true"), "tty", List.of("true"))),
            "command=sh&stdin=1&tty=1", ""),
        Arguments.of(Named.of("kubectl exec -i POD -- cat: stdin without a tty", Map.of("command", List.of("cat"),
            "stdin", List.of("true"), "stdout", List.of("true"), "stderr", List.of("true"))),
            "command=cat&stdin=1", ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attaches")
  void attachTakesNoCommand(String name, Map<String, List<String>> query, String kubeletQuery) {
    assertThat(ExecOptions.parse(query, false).kubeletQuery()).isEqualTo(kubeletQuery);
  }

  static Stream<Arguments> attaches() {
    return Stream.of(
        Arguments.of("kubectl run -i: stdin, stdout, stderr", Map.of("stdin", List.of("true"), "stdout",
            List.of("true"), "stderr", List.of("true"), "container", List.of("tmp")), "stdin=1"),
        Arguments.of("kubectl run -it: stdin and a tty", Map.of("stdin", List.of("true"), "stdout", List.of("true"),
            "tty", List.of("true")), "stdin=1&tty=1"),
        Arguments.of("a command word in an attach query is not a command", Map.of("command", List.of("ls"),
            "stdout", List.of("true")), ""));
  }

  @ParameterizedTest
  @MethodSource("queries")
  void parsesTheExecQuery(Map<String, List<String>> query, String kubeletQuery, String container) {
    ExecOptions o = ExecOptions.parse(query);
    assertThat(o.kubeletQuery()).isEqualTo(kubeletQuery);
    assertThat(o.container()).isEqualTo(container);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(Named.of("no command", Map.of("stdout", List.of("true"))), "you must specify at least 1 command"),
        Arguments.of(Named.of("no stream", Map.of("command", List.of("ls"))),
            "you must specify at least 1 of stdin, stdout, stderr"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesBadQueries(Map<String, List<String>> query, String message) {
    assertThatThrownBy(() -> ExecOptions.parse(query)).isInstanceOf(ApiException.class).hasMessage(message);
  }

  static Stream<Arguments> frames() {
    return Stream.of(
        Arguments.of(Named.of("stdout", 1), "hi\n", new byte[] {1, 'h', 'i', '\n'}),
        Arguments.of(Named.of("stderr", 2), "x", new byte[] {2, 'x'}),
        Arguments.of(Named.of("error, empty", 3), "", new byte[] {3}),
        Arguments.of(Named.of("v5 close of stdin", 255), "\0", new byte[] {(byte) 255, 0}));
  }

  @ParameterizedTest
  @MethodSource("frames")
  void framesOneByteOfChannelThenTheBytes(int channel, String payload, byte[] message) {
    byte[] p = payload.getBytes(StandardCharsets.UTF_8);
    assertThat(StreamChannels.message(channel, p)).isEqualTo(message);
    assertThat(StreamChannels.read(message)).isEqualTo(new StreamChannels.Message(channel, p));
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(Named.of("exit 0 is Success", 0), "{\"metadata\":{},\"status\":\"Success\"}"),
        Arguments.of(Named.of("exit 3 is NonZeroExitCode with an ExitCode cause", 3),
            "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
                + "error executing command [sh -c exit 3], exit code 3\",\"reason\":\"NonZeroExitCode\","
                + "\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\"3\"}]}}"));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void exitStatusAsKubeletWritesIt(int code, String json) {
    assertThat(ExecStatus.of(List.of("sh", "-c", "exit 3"), code).toString()).isEqualTo(json);
  }
}
