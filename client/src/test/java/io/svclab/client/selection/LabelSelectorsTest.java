package io.svclab.client.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorsTest {
  static Stream<Arguments> cases() {
    Map<String, String> web = Map.of("app", "web", "tier", "front");
    return Stream.of(
        Arguments.of("empty selects everything", "", web, true),
        Arguments.of("equality matches", "app=web", web, true),
        Arguments.of("double equals matches", "app==web", web, true),
        Arguments.of("equality mismatch", "app=db", web, false),
        Arguments.of("inequality on other value", "app!=db", web, true),
        Arguments.of("inequality when key absent", "env!=prod", web, true),
        Arguments.of("in set", "tier in (front,back)", web, true),
        Arguments.of("not in set", "tier notin (front)", web, false),
        Arguments.of("notin when key absent", "env notin (prod)", web, true),
        Arguments.of("exists", "app", web, true),
        Arguments.of("does not exist", "!app", web, false),
        Arguments.of("all terms must hold", "app=web,tier in (back)", web, false),
        Arguments.of("spaces are ignored", " app = web , tier ", web, true),
        Arguments.of("prefixed key", "kubernetes.io/service-name=web", Map.of("kubernetes.io/service-name", "web"), true));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matches(String name, String selector, Map<String, String> labels, boolean expected) {
    assertThat(LabelSelectors.parse(selector).matches(labels)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "rejects {0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"app=web,,", "tier in front", "tier between (a)"})
  void rejectsMalformed(String selector) {
    assertThatThrownBy(() -> LabelSelectors.parse(selector))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unable to parse requirement");
  }

  @org.junit.jupiter.api.Test
  void serviceSelectorRendersLikeKubectl() {
    var sel = io.svclab.api.v1.LabelSelector.newBuilder().putMatchLabels("app", "nginx")
        .addMatchExpressions(io.svclab.api.v1.LabelSelectorRequirement.newBuilder()
            .setKey("tier").setOperator("In").addValues("a").addValues("b")).build();
    assertThat(LabelSelectors.render(sel)).isEqualTo("app=nginx,tier in (a,b)");
    assertThat(LabelSelectors.of(sel).matches(Map.of("app", "nginx", "tier", "b"))).isTrue();
  }
}
