package io.svclab.client.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodLogOptionsTest {
  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of(Named.of("nothing asked", Map.of()), ""),
        Arguments.of(Named.of("kubectl logs -f --tail=1", Map.of("follow", List.of("true"), "tailLines", List.of("1"))),
            "follow=true&tailLines=1"),
        Arguments.of(Named.of("container is not passed on", Map.of("container", List.of("nginx"),
            "timestamps", List.of("true"))), "timestamps=true"),
        Arguments.of(Named.of("previous and since", Map.of("previous", List.of("1"), "sinceSeconds", List.of("30"))),
            "previous=true&sinceSeconds=30"),
        Arguments.of(Named.of("false flags dropped", Map.of("follow", List.of("false"))), ""),
        Arguments.of(Named.of("sinceTime re-encoded", Map.of("sinceTime", List.of("2026-01-02T03:04:05Z"))),
            "sinceTime=2026-01-02T03%3A04%3A05Z"));
  }

  @ParameterizedTest
  @MethodSource("valid")
  void parsesAndRewritesTheQuery(Map<String, List<String>> query, String kubeletQuery) {
    assertThat(PodLogOptions.parse(query).query()).isEqualTo(kubeletQuery);
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of(Named.of("negative tail", Map.of("tailLines", List.of("-1"))),
            "tailLines: Invalid value: -1: must be greater than or equal to 0"),
        Arguments.of(Named.of("zero sinceSeconds", Map.of("sinceSeconds", List.of("0"))),
            "sinceSeconds: Invalid value: 0: must be greater than 0"),
        Arguments.of(Named.of("not a number", Map.of("tailLines", List.of("ten"))),
            "tailLines: Invalid value: \"ten\": strconv.ParseInt: parsing \"ten\": invalid syntax"),
        Arguments.of(Named.of("not a bool", Map.of("follow", List.of("yes"))),
            "follow: Invalid value: \"yes\": strconv.ParseBool: parsing \"yes\": invalid syntax"),
        Arguments.of(Named.of("both since forms", Map.of("sinceSeconds", List.of("5"),
            "sinceTime", List.of("2026-01-02T03:04:05Z"))),
            "sinceSeconds: Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified"),
        Arguments.of(Named.of("zero limitBytes", Map.of("limitBytes", List.of("0"))),
            "limitBytes: Invalid value: 0: must be greater than 0"));
  }

  @ParameterizedTest
  @MethodSource("invalid")
  void refusesInKubernetesWords(Map<String, List<String>> query, String message) {
    assertThatThrownBy(() -> PodLogOptions.parse(query)).isInstanceOf(PodLogOptions.Invalid.class)
        .hasMessage(message);
  }
}
