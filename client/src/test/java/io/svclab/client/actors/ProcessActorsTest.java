package io.svclab.client.actors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProcessActorsTest {
  static Stream<Arguments> systemNames() {
    return Stream.of(
        Arguments.of("a process name as it is", "workload-controller", "workload-controller"),
        Arguments.of("blanks become dashes", "node-agent node-1", "node-agent-node-1"),
        Arguments.of("a leading non-letter gets a prefix", "-x", "svclab--x"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("systemNames")
  void systemName(String name, String process, String expected) {
    assertThat(ProcessActors.systemName(process)).isEqualTo(expected);
  }

  static Stream<Arguments> actorNames() {
    return Stream.of(
        Arguments.of("a controller name as it is", "replicaset-controller", "replicaset-controller"),
        Arguments.of("blanks and slashes become dashes", "test controller/1", "test-controller-1"),
        Arguments.of("a $ (reserved by Pekko at the start) becomes a dash", "$x", "-x"),
        Arguments.of("an empty name gets one", "", "actor"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("actorNames")
  void actorName(String name, String given, String expected) {
    assertThat(ProcessActors.actorName(given)).isEqualTo(expected);
  }

  static Behavior<String> recorder(Set<String> seen) {
    return Behaviors.receive(String.class)
        .onMessage(String.class, m -> {
          seen.add(m);
          return Behaviors.same();
        })
        .onSignal(PostStop.class, s -> {
          seen.add("stopped");
          return Behaviors.same();
        })
        .build();
  }

  @Test
  void actorsOfOneNameLiveSideBySideAndStopWithTheProcess() throws Exception {
    Set<String> first = ConcurrentHashMap.newKeySet();
    Set<String> second = ConcurrentHashMap.newKeySet();
    ProcessActors actors = ProcessActors.start("test process");
    ActorRef<String> a = actors.spawn(recorder(first), "same");
    ActorRef<String> b = actors.spawn(recorder(second), "same");
    a.tell("to a");
    b.tell("to b");
    await().atMost(Duration.ofSeconds(60)).until(() -> first.contains("to a") && second.contains("to b"));
    assertThat(first).doesNotContain("to b");

    actors.close();
    assertThat(first).contains("stopped");
    assertThat(second).contains("stopped");
  }
}
