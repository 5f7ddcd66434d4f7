package io.svclab.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResolvConfTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void parses(String caseName, String text, List<String> search, List<String> nameservers, int ndots) {
    ResolvConf c = ResolvConf.parse(text);
    assertThat(c.search()).containsExactlyElementsOf(search);
    assertThat(c.nameservers()).containsExactlyElementsOf(nameservers);
    assertThat(c.ndots()).isEqualTo(ndots);
  }

  static Stream<Arguments> files() {
    return Stream.of(
        Arguments.of("kubelet's pod file", "search a.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n",
            List.of("a.svc.cluster.local", "svc.cluster.local", "cluster.local"), List.of("10.96.0.10"), 5),
        Arguments.of("no options: glibc's ndots 1", "nameserver 1.1.1.1\nnameserver 8.8.8.8\n", List.of(), List.of("1.1.1.1", "8.8.8.8"), 1),
        Arguments.of("the last search line wins", "search x\nsearch y z\n", List.of("y", "z"), List.of(), 1),
        Arguments.of("ndots capped at 15", "options ndots:30 timeout:2\n", List.of(), List.of(), 15));
  }
}
