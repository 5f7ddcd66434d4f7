package io.svclab.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LeftoversTest {
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
