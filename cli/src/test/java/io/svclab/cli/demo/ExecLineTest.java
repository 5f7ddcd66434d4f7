package io.svclab.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecLineTest {
  static Stream<Arguments> commands() {
    return Stream.of(
        Arguments.of("default namespace: no -n", "default", "curl-pod", List.of("curl", "-s", "http://nginx-clusterip-service"),
            "kubectl exec curl-pod -- curl -s http://nginx-clusterip-service"),
        Arguments.of("another namespace: -n before the pod", "service-demo", "debug", List.of("nslookup", "backend-service"),
            "kubectl exec -n service-demo debug -- nslookup backend-service"),
        Arguments.of("a script in single quotes", "default", "p", List.of("sh", "-c", "echo READY > /x"),
            "kubectl exec p -- sh -c 'echo READY > /x'"),
        Arguments.of("a single quote inside", "default", "p", List.of("sh", "-c", "grep 'a' f"),
            "kubectl exec p -- sh -c 'grep '\\''a'\\'' f'"),
        Arguments.of("an empty word", "default", "p", List.of("echo", ""), "kubectl exec p -- echo ''"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void printsWhatALearnerTypes(String caseName, String namespace, String pod, List<String> argv, String expected) {
    assertThat(DemoSteps.execLine(namespace, pod, argv)).isEqualTo(expected);
  }
}
