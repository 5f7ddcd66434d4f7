package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.apiserver.errors.ApiException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DryRunTest {
  static Stream<Arguments> accepted() {
    return Stream.of(
        arguments("absent", List.of(), false),
        arguments("All", List.of("All"), true),
        arguments("All twice", List.of("All", "All"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accepted")
  void acceptedValues(String name, List<String> values, boolean dryRun) {
    assertThat(DryRun.requested(values, "CreateOptions")).isEqualTo(dryRun);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments("kubectl's client value", List.of("client"), "CreateOptions",
            "CreateOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"client\"}: supported "
                + "values: \"All\""),
        arguments("one bad among good", List.of("All", "x"), "DeleteOptions",
            "DeleteOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"All\", \"x\"}: supported "
                + "values: \"All\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void otherValuesAreInvalid(String name, List<String> values, String optionsKind, String message) {
    assertThatThrownBy(() -> DryRun.requested(values, optionsKind)).isInstanceOfSatisfying(ApiException.class, e -> {
      assertThat(e.reason()).isEqualTo("Invalid");
      assertThat(e.getMessage()).isEqualTo(message);
      assertThat(StatusErrors.status(e).getAsJsonObject("details").get("group").getAsString()).isEqualTo("meta.k8s.io");
    });
  }
}
