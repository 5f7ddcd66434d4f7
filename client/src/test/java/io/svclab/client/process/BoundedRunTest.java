package io.svclab.client.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BoundedRunTest {
  static final Duration CEILING = Duration.ofSeconds(30);

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Named.of("exits 0 with its output", List.of("sh", "-c", "echo out")), Map.of(), null, CEILING,
            new BoundedRun.Outcome(BoundedRun.Ending.EXITED, 0, "out\n", "")),
        Arguments.of(Named.of("its exit status and stderr", List.of("sh", "-c", "echo why >&2; exit 3")), Map.of(), null,
            CEILING, new BoundedRun.Outcome(BoundedRun.Ending.EXITED, 3, "", "why\n")),
        Arguments.of(Named.of("stdin given", List.of("cat")), Map.of(), "line\n", CEILING,
            new BoundedRun.Outcome(BoundedRun.Ending.EXITED, 0, "line\n", "")),
        Arguments.of(Named.of("no stdin: closed at once", List.of("cat")), Map.of(), null, CEILING,
            new BoundedRun.Outcome(BoundedRun.Ending.EXITED, 0, "", "")),
        Arguments.of(Named.of("env added", List.of("sh", "-c", "echo $SVCLAB_TEST_VALUE")),
            Map.of("SVCLAB_TEST_VALUE", "seen"), null, CEILING,
            new BoundedRun.Outcome(BoundedRun.Ending.EXITED, 0, "seen\n", "")),
        Arguments.of(Named.of("past its bound: killed, what it wrote kept", List.of("sh", "-c", "echo early; exec sleep 60")),
            Map.of(), null, Duration.ofSeconds(10), new BoundedRun.Outcome(BoundedRun.Ending.TIMED_OUT, -1, "early\n", "")),
        // 4 MiB of input, far beyond a pipe's buffer, to a program that reads none of it for 60 s
        // (an iptables-restore parsing slowly): the bound holds while the input is still being written
        Arguments.of(Named.of("past its bound while its input is unread", List.of("sh", "-c", "echo early; exec sleep 60")),
            Map.of(), "x".repeat(4 << 20), Duration.ofSeconds(10),
            new BoundedRun.Outcome(BoundedRun.Ending.TIMED_OUT, -1, "early\n", "")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void runsAProcessToItsEnd(List<String> command, Map<String, String> env, String stdin, Duration timeout,
      BoundedRun.Outcome expected) {
    assertThat(BoundedRun.run(command, env, stdin, timeout)).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void aMissingProgramIsNotStarted() {
    BoundedRun.Outcome o = BoundedRun.run(List.of("svclab-no-such-program"), Map.of(), null, CEILING);
    assertThat(o.ending()).isEqualTo(BoundedRun.Ending.NOT_STARTED);
    assertThat(o.stderr()).contains("svclab-no-such-program");
  }
}
