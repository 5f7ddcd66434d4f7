package io.svclab.workload.deployment;

import static io.svclab.workload.Fixtures.template;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.PodTemplateSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodTemplateHashTest {
  @Test
  void isStableAndUsesOnlyTheSafeAlphabet() {
    String hash = PodTemplateHash.of(template("nginx:1.14.2"), null);
    assertThat(hash).isEqualTo(PodTemplateHash.of(template("nginx:1.14.2"), null));
    assertThat(hash).hasSizeBetween(1, 10).matches("[" + PodTemplateHash.ALPHABET + "]+");
  }

  @Test
  void labelOrderDoesNotMatter() {
    PodTemplateSpec.Builder a = template("nginx").toBuilder();
    a.getMetadataBuilder().putLabels("x", "1").putLabels("y", "2");
    PodTemplateSpec.Builder b = template("nginx").toBuilder();
    b.getMetadataBuilder().clearLabels().putLabels("y", "2").putLabels("x", "1").putLabels("app", "nginx");
    assertThat(PodTemplateHash.of(a.build(), null)).isEqualTo(PodTemplateHash.of(b.build(), null));
  }

  static Stream<Arguments> differences() {
    return Stream.of(
        Arguments.of("another image", template("nginx:1.25"), null),
        Arguments.of("a collision count", template("nginx:1.14.2"), 1),
        Arguments.of("collision count zero differs from none", template("nginx:1.14.2"), 0));
  }

  @ParameterizedTest(name = "{0} changes the hash")
  @MethodSource("differences")
  void changes(String name, PodTemplateSpec other, Integer collisions) {
    assertThat(PodTemplateHash.of(other, collisions)).isNotEqualTo(PodTemplateHash.of(template("nginx:1.14.2"), null));
  }

  static Stream<Arguments> encodings() {
    return Stream.of(
        Arguments.of("digits map onto the alphabet by code point", "0123456789", "456789bcdf"),
        Arguments.of("a ten digit hash stays ten characters", "4294967295", "86f8fbc6f9"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodings")
  void safeEncodeMatchesKubernetes(String name, String decimal, String expected) {
    assertThat(PodTemplateHash.safeEncode(decimal)).isEqualTo(expected);
  }
}
