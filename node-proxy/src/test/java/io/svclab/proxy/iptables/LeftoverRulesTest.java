package io.svclab.proxy.iptables;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The cleanup restore input for named kernel states: only kube chains, flushed before deleted. */
class LeftoverRulesTest {
  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("nothing of ours", Set.of("PREROUTING", "DOCKER"), Set.of("INPUT"), ""),
        Arguments.of("top-level and per-Service nat chains; foreign chains stay",
            Set.of("PREROUTING", "KUBE-SERVICES", "KUBE-SVC-AAAA", "KUBE-SEP-BBBB", "DOCKER", "KUBE-MARK-MASQ"),
            Set.of(),
            "*nat\n:KUBE-SERVICES - [0:0]\n:KUBE-MARK-MASQ - [0:0]\n:KUBE-SVC-AAAA - [0:0]\n:KUBE-SEP-BBBB - [0:0]\n"
                + "-X KUBE-SERVICES\n-X KUBE-MARK-MASQ\n-X KUBE-SVC-AAAA\n-X KUBE-SEP-BBBB\nCOMMIT\n"),
        Arguments.of("filter chains", Set.of(), Set.of("INPUT", "KUBE-FIREWALL", "KUBE-EXTERNAL-SERVICES", "KUBE-FOO"),
            "*filter\n:KUBE-EXTERNAL-SERVICES - [0:0]\n:KUBE-FIREWALL - [0:0]\n-X KUBE-EXTERNAL-SERVICES\n"
                + "-X KUBE-FIREWALL\nCOMMIT\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void restoreInput(String name, Set<String> nat, Set<String> filter, String expected) {
    // Set.of iterates in no fixed order: compare the per-Service part as a set of lines where it applies
    String actual = LeftoverRules.restoreInput(new java.util.TreeSet<>(nat), new java.util.TreeSet<>(filter));
    assertThat(actual.lines().sorted().toList()).isEqualTo(expected.lines().sorted().toList());
    if (!actual.isEmpty()) {
      int lastFlush = actual.lastIndexOf(" - [0:0]");
      assertThat(actual.indexOf("-X ")).as("every chain is flushed before any is deleted").isGreaterThan(lastFlush);
    }
  }
}
