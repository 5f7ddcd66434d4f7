package io.svclab.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A dead lab's recorded processes are stopped only while they are still that component. */
class LeftoversTest {
  @TempDir Path data;

  @Test
  void stopsTheRecordedComponentAndLeavesAReusedPidAlone() throws Exception {
    // "sh -c ... NAME": the marker is the process's own command line, as a component's -D option is
    Process component = new ProcessBuilder("sh", "-c", "sleep 30; true", "-Dsvclab.component=dns-server").start();
    long self = ProcessHandle.current().pid();  // recorded as "apiserver", but it is not: a reused pid
    Files.writeString(data.resolve("processes.tsv"), "apiserver\t" + self + "\thttp://x\tx\t0\n"
        + "dns-server\t" + component.pid() + "\thttp://x\tx\t0\n");

    assertThat(Leftovers.stop(data)).containsExactly(component.pid());
    assertThat(component.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  @Test
  void nothingRecordedNothingStopped() throws Exception {
    assertThat(Leftovers.stop(data)).isEmpty();
  }

  static final Path DATA = Path.of("/labs/x");

  static Stream<Arguments> commandLines() {
    return Stream.of(
        Arguments.of("a JVM of the lab", "/usr/bin/java -Xmx64m -Dsvclab.component=apiserver -Dsvclab.supervisor.pid=9 -cp x Main",
            "apiserver", true),
        Arguments.of("another component's JVM", "/usr/bin/java -Dsvclab.component=apiserver-2 -cp x Main", "apiserver", false),
        Arguments.of("node 10 is not node 1", "/usr/bin/java -Dsvclab.component=node-agent-10 -cp x Main", "node-agent-1", false),
        Arguments.of("this lab's etcd member", "/usr/bin/etcd --name=etcd-2 --data-dir=/labs/x/etcd/etcd-2 --listen-client-urls=u",
            "etcd-2", true),
        Arguments.of("another lab's etcd member", "/usr/bin/etcd --name=etcd-2 --data-dir=/labs/y/etcd/etcd-2 --listen-client-urls=u",
            "etcd-2", false),
        Arguments.of("a reused pid", "/usr/bin/vim notes.txt", "etcd-2", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commandLines")
  void recognisesOnlyTheLabsOwnProcess(String name, String commandLine, String component, boolean expected) {
    assertThat(Leftovers.isComponent(commandLine, component, DATA)).isEqualTo(expected);
  }
}
