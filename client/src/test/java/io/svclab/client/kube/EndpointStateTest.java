package io.svclab.client.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.api.v1.EndpointConditions;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointStateTest {
  static EndpointConditions c(Boolean ready, Boolean serving, Boolean terminating) {
    EndpointConditions.Builder b = EndpointConditions.newBuilder();
    if (ready != null) b.setReady(ready);
    if (serving != null) b.setServing(serving);
    if (terminating != null) b.setTerminating(terminating);
    return b.build();
  }

  static Stream<Arguments> conditions() {
    return Stream.of(
        arguments(named("nothing set: ready and serving", c(null, null, null)), new EndpointState(true, true, false)),
        arguments(named("ready only", c(true, null, null)), new EndpointState(true, true, false)),
        arguments(named("not ready: serving follows ready", c(false, null, null)), new EndpointState(false, false, false)),
        arguments(named("terminating but serving", c(false, true, true)), new EndpointState(false, true, true)),
        arguments(named("terminating, not serving", c(false, false, true)), new EndpointState(false, false, true)),
        arguments(named("serving set, ready unset", c(null, false, null)), new EndpointState(true, false, false)),
        arguments(named("all set", c(true, true, false)), new EndpointState(true, true, false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("conditions")
  void defaultsLikeKubernetes(EndpointConditions conditions, EndpointState expected) {
    assertThat(EndpointState.of(conditions)).isEqualTo(expected);
    assertThat(EndpointState.isReady(conditions)).isEqualTo(expected.ready());
  }
}
