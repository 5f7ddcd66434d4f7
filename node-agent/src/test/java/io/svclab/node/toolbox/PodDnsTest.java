package io.svclab.node.toolbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodDnsTest {
  static final PodDns.ResolvConf POD = PodDns.ResolvConf.parse("""
      search service-demo.svc.cluster.local svc.cluster.local cluster.local
      nameserver 127.96.0.10
      options ndots:5
      """);

  static Stream<Arguments> candidates() {
    return Stream.of(
        Arguments.of(Named.of("a short name: the search list, then the name", "web"), List.of(
            "web.service-demo.svc.cluster.local", "web.svc.cluster.local", "web.cluster.local", "web")),
        Arguments.of(Named.of("fewer dots than ndots: still searched first", "web.default.svc.cluster.local"), List.of(
            "web.default.svc.cluster.local.service-demo.svc.cluster.local",
            "web.default.svc.cluster.local.svc.cluster.local", "web.default.svc.cluster.local.cluster.local",
            "web.default.svc.cluster.local")),
        Arguments.of(Named.of("a rooted name: only itself", "web.default.svc.cluster.local."),
            List.of("web.default.svc.cluster.local.")),
        Arguments.of(Named.of("ndots or more: the name first", "a.b.c.d.e.f"), List.of("a.b.c.d.e.f",
            "a.b.c.d.e.f.service-demo.svc.cluster.local", "a.b.c.d.e.f.svc.cluster.local", "a.b.c.d.e.f.cluster.local")));
  }

  @ParameterizedTest
  @MethodSource("candidates")
  void namesTriedInTheResolversOrder(String host, List<String> expected) {
    assertThat(PodDns.candidates(host, POD)).containsExactlyElementsOf(expected);
  }
}
