package io.svclab.node.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.client.streams.ExecFrames;
import io.svclab.node.shell.ShellContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TerminalSessionTest {
  @TempDir Path root;

  /** Stdin as the reads a client would send, then closed; stdout and stderr collected. */
  private static final class Recorded implements TerminalSession.Streams {
    final Deque<byte[]> reads = new ArrayDeque<>();
    final StringBuilder stdout = new StringBuilder();
    final StringBuilder stderr = new StringBuilder();

    Recorded(List<String> typed) {
      typed.forEach(t -> reads.add(t.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public byte[] read() {
      return reads.poll();
    }

    @Override
    public void write(int channel, byte[] bytes) {
      (channel == ExecFrames.STDERR ? stderr : stdout).append(new String(bytes, StandardCharsets.UTF_8));
    }
  }

  static Stream<Arguments> sessions() {
    return Stream.of(
        Arguments.of("-it sh: prompt, echo, three commands, exit", List.of("sh"), true,
            List.of("echo one\r", "cd /tmp\r", "pwd\r", "exit\r"),
            "/ # echo one\r\none\r\n/ # cd /tmp\r\n/tmp # pwd\r\n/tmp\r\n/tmp # exit\r\n", "", 0),
        Arguments.of("-it bash: ^D ends with exit and the last status", List.of("/bin/bash"), true,
            List.of("false\r", "\u0004"), "pod:~# false\r\npod:~# exit\r\n", "", 1),
        Arguments.of("-it sh: exit with a code", List.of("sh"), true, List.of("exit 3\r"), "/ # exit 3\r\n", "", 3),
        Arguments.of("-it sh: ^C gives a fresh prompt", List.of("sh"), true, List.of("echo x\u0003", "exit\r"),
            "/ # echo x^C\r\n/ # exit\r\n", "", 0),
        Arguments.of("-it sh: a command that fails ends only its line", List.of("sh"), true,
            List.of("frobnicate\r", "echo $?\r", "exit\r"), null, "", 0),
        Arguments.of("-i sh: lines from a pipe, no prompt, no echo", List.of("sh"), false,
            List.of("echo a\necho b\n", "echo c"), "a\nb\nc\n", "", 0),
        Arguments.of("-i cat: stdin copied to stdout", List.of("cat"), false, List.of("hello\n", "world\n"),
            "hello\nworld\n", "", 0),
        Arguments.of("-i sh -c: a script that does not read stdin does not wait for it", List.of("sh", "-c", "echo hi"),
            false, List.of(), "hi\n", "", 0),
        Arguments.of("-i: an unknown command fails on stderr", List.of("frobnicate"), false, List.of(), "", null, 127));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sessions")
  void runs(String name, List<String> argv, boolean tty, List<String> typed, String stdout, String stderr, int code)
      throws Exception {
    Files.createDirectories(root.resolve("tmp"));
    Files.createDirectories(root.resolve("root"));
    boolean bash = argv.get(0).endsWith("bash");
    Recorded io = new Recorded(typed);
    TerminalSession.Request r = new TerminalSession.Request(argv, true, tty,
        out -> new ShellContext(Map.of("PATH", "/bin"), "pod", "127.244.1.5", root, out,
            Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC), a -> false),
        bash ? "/root" : "/", (shell, cwd) -> bash ? "pod:" + (cwd.equals("/root") ? "~" : cwd) + "# " : cwd + " # ");
    int exit = TerminalSession.run(r, io);
    assertThat(exit).isEqualTo(code);
    if (stdout != null) assertThat(io.stdout.toString()).isEqualTo(stdout);
    if (stderr != null) assertThat(io.stderr.toString()).isEqualTo(stderr);
    if (name.contains("fails ends only its line")) {
      assertThat(io.stdout.toString()).contains("frobnicate").contains("127\r\n/ # exit\r\n");
    }
    if (name.contains("unknown command")) {
      assertThat(io.stderr.toString()).contains("frobnicate");
    }
  }
}
