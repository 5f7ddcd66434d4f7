package io.svclab.dns.records;

import static io.svclab.dns.Fixtures.service;
import static io.svclab.dns.Fixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.Service;
import io.svclab.dns.Fixtures;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The record index from API objects: what each Service publishes, after each kind of change. */
class ClusterRecordsTest {
  record Case(String name, Consumer<ClusterRecords> changes, String service, List<String> endpoints,
      List<String> reverseOf10_0_0_5) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Service headless(String name, boolean publishNotReady) {
    Service s = service("ns", name, "None", "http/TCP/80");
    return s.toBuilder().setSpec(s.getSpec().toBuilder().setPublishNotReadyAddresses(publishNotReady)).build();
  }

  static EndpointSlice web(String... endpoints) {
    return slice("ns", "web", "web-1", "IPv4", List.of(endpoints), "http/TCP/80");
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("ready endpoints only", r -> {
          r.putService(headless("web", false));
          r.putSlice(web("10.0.0.5", "10.0.0.6!"));
        }, "web", List.of("10.0.0.5=10-0-0-5"), List.of("10-0-0-5.web.ns")),
        new Case("publishNotReadyAddresses adds the not-ready ones", r -> {
          r.putService(headless("web", true));
          r.putSlice(web("10.0.0.5", "10.0.0.6!"));
        }, "web", List.of("10.0.0.5=10-0-0-5", "10.0.0.6=10-0-0-6"), List.of("10-0-0-5.web.ns")),
        new Case("endpoint hostnames become the label", r -> {
          r.putService(headless("web", false));
          r.putSlice(web("10.0.0.5=web-0"));
        }, "web", List.of("10.0.0.5=web-0"), List.of("web-0.web.ns")),
        new Case("slice before its Service", r -> {
          r.putSlice(web("10.0.0.5"));
          r.putService(headless("web", false));
        }, "web", List.of("10.0.0.5=10-0-0-5"), List.of("10-0-0-5.web.ns")),
        new Case("slice update replaces its endpoints", r -> {
          r.putService(headless("web", false));
          r.putSlice(web("10.0.0.5"));
          r.putSlice(web("10.0.0.7"));
        }, "web", List.of("10.0.0.7=10-0-0-7"), List.of()),
        new Case("slice deleted", r -> {
          r.putService(headless("web", false));
          r.putSlice(web("10.0.0.5"));
          r.removeSlice(web());
        }, "web", List.of(), List.of()),
        new Case("slice relabelled to another Service leaves the first", r -> {
          r.putService(headless("web", false));
          r.putService(headless("api", false));
          r.putSlice(web("10.0.0.5"));
          EndpointSlice moved = web("10.0.0.5").toBuilder().setMetadata(web().getMetadata().toBuilder()
              .putLabels(ClusterRecords.SERVICE_NAME_LABEL, "api")).build();
          r.putSlice(moved);
        }, "web", List.of(), List.of("10-0-0-5.api.ns")),
        new Case("FQDN slices are ignored", r -> {
          r.putService(headless("web", false));
          r.putSlice(slice("ns", "web", "web-fqdn", "FQDN", List.of("example.com")));
        }, "web", List.of(), List.of()),
        new Case("a ClusterIP names its Service in reverse, before endpoints", r -> {
          r.putService(service("ns", "front", "10.0.0.5", "http/TCP/80"));
          r.putService(headless("web", false));
          r.putSlice(web("10.0.0.5"));
        }, "web", List.of("10.0.0.5=10-0-0-5"), List.of("front.ns")),
        new Case("Service deleted: gone, reverse too", r -> {
          r.putService(headless("web", false));
          r.putSlice(web("10.0.0.5"));
          r.removeService(headless("web", false));
        }, "web", null, List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void publishes(Case c) {
    ClusterRecords records = new ClusterRecords();
    c.changes().accept(records);
    RecordIndex index = records.index(Fixtures.SERIAL);
    ServiceRecord svc = index.service("ns", c.service());
    if (c.endpoints() == null) {
      assertThat(svc).isNull();
    } else {
      assertThat(svc.endpoints()).extracting(e -> e.ip() + "=" + e.label()).containsExactlyElementsOf(c.endpoints());
    }
    assertThat(index.reverse("10.0.0.5"))
        .extracting(n -> (n.endpointLabel().isEmpty() ? "" : n.endpointLabel() + ".") + n.service() + "." + n.namespace())
        .containsExactlyInAnyOrderElementsOf(c.reverseOf10_0_0_5());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void serviceKinds(String name, Service service, ServiceRecord.Kind kind, List<String> clusterIPs) {
    ServiceRecord r = ClusterRecords.toRecord(service, List.of());
    assertThat(r.kind()).isEqualTo(kind);
    assertThat(r.clusterIPs()).containsExactlyElementsOf(clusterIPs);
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> kinds() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of("ClusterIP", service("ns", "a", "10.0.0.1", "http/TCP/80"),
            ServiceRecord.Kind.CLUSTER_IP, List.of("10.0.0.1")),
        org.junit.jupiter.params.provider.Arguments.of("dual stack", service("ns", "a", "10.0.0.1,fd00::1", "http/TCP/80"),
            ServiceRecord.Kind.CLUSTER_IP, List.of("10.0.0.1", "fd00::1")),
        org.junit.jupiter.params.provider.Arguments.of("headless", service("ns", "a", "None"),
            ServiceRecord.Kind.HEADLESS, List.of()),
        org.junit.jupiter.params.provider.Arguments.of("ExternalName", Fixtures.externalName("ns", "a", "example.com"),
            ServiceRecord.Kind.EXTERNAL_NAME, List.of()));
  }
}
