package io.svclab.proxy.nftables;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ServicePortName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Names from kube-proxy's nftables tests. */
class NftNamesTest {
  @ParameterizedTest(name = "{0}/{1}:{2}")
  @CsvSource({
      "ns1, svc1, p80, service-ULMVA6XW-ns1/svc1/tcp/p80",
      "ns2, svc2, p80, service-42NFTM6N-ns2/svc2/tcp/p80",
      "ns5, svc5, p80, service-HVFWP5L3-ns5/svc5/tcp/p80",
  })
  void serviceChainIsHashThenReadableName(String ns, String name, String port, String expected) {
    ServicePortName spn = new ServicePortName(ns, name, port, "TCP");
    assertThat(NftNames.service(spn)).isEqualTo(expected);
    String base = expected.substring("service-".length());
    assertThat(NftNames.external(spn)).isEqualTo("external-" + base);
    assertThat(NftNames.local(spn)).isEqualTo("local-" + base);
    assertThat(NftNames.firewall(spn)).isEqualTo("firewall-" + base);
  }

  @ParameterizedTest(name = "{0}/{1} -> {2}")
  @CsvSource({
      "ns1, svc1, 10.180.0.1, endpoint-5OJB2KTY-ns1/svc1/tcp/p80__10.180.0.1/80",
      "ns5, svc5, 10.180.0.3, endpoint-GTK6MW7G-ns5/svc5/tcp/p80__10.180.0.3/80",
  })
  void endpointChainAndAffinitySetShareTheirBase(String ns, String name, String ip, String expected) {
    ServicePortName spn = new ServicePortName(ns, name, "p80", "TCP");
    Endpoint ep = new Endpoint(ip, 80, "", true, true, false, false);
    assertThat(NftNames.endpoint(spn, ep)).isEqualTo(expected);
    assertThat(NftNames.affinity(spn, ep)).isEqualTo("affinity-" + expected.substring("endpoint-".length()));
  }

  @Test
  void longNamesAreTruncatedWithAnEllipsis() {
    String name = NftNames.hashAndTruncate("x".repeat(300));
    assertThat(name).hasSize(NftNames.BASE_LENGTH_MAX).endsWith("...");
  }
}
