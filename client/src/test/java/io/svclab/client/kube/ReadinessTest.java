package io.svclab.client.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeCondition;
import io.svclab.api.v1.NodeStatus;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodCondition;
import io.svclab.api.v1.PodStatus;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReadinessTest {
  /** "is it Ready" for a pod or a node carrying conditions given as type=status. */
  static final Predicate<List<String>> POD = conditions -> {
    PodStatus.Builder status = PodStatus.newBuilder();
    conditions.forEach(c -> status.addConditions(PodCondition.newBuilder().setType(type(c)).setStatus(status(c))));
    return Readiness.isReady(Pod.newBuilder().setStatus(status).build());
  };
  static final Predicate<List<String>> NODE = conditions -> {
    NodeStatus.Builder status = NodeStatus.newBuilder();
    conditions.forEach(c -> status.addConditions(NodeCondition.newBuilder().setType(type(c)).setStatus(status(c))));
    return Readiness.isReady(Node.newBuilder().setStatus(status).build());
  };

  static Stream<Arguments> conditions() {
    return Stream.of(
        arguments(named("Ready True", List.of("Ready=True")), true),
        arguments(named("Ready False", List.of("Ready=False")), false),
        arguments(named("Ready Unknown", List.of("Ready=Unknown")), false),
        arguments(named("no conditions", List.<String>of()), false),
        arguments(named("other conditions only", List.of("ContainersReady=True", "PodScheduled=True")), false),
        arguments(named("Ready among others", List.of("PodScheduled=True", "Ready=True")), true),
        arguments(named("status is case-sensitive", List.of("Ready=true")), false),
        arguments(named("type is case-sensitive", List.of("ready=True")), false));
  }

  static Stream<Arguments> cases() {
    return conditions().flatMap(c -> Stream.of(
        arguments(named("pod", POD), c.get()[0], c.get()[1]),
        arguments(named("node", NODE), c.get()[0], c.get()[1])));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void readyMeansReadyTrue(Predicate<List<String>> isReady, List<String> conditions, boolean ready) {
    assertThat(isReady.test(conditions)).isEqualTo(ready);
  }

  private static String type(String typeEqualsStatus) {
    return typeEqualsStatus.split("=")[0];
  }

  private static String status(String typeEqualsStatus) {
    return typeEqualsStatus.split("=")[1];
  }
}
