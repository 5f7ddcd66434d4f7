package io.svclab.proxy.snapshot;

import static io.svclab.proxy.snapshot.Fixtures.NODE;
import static io.svclab.proxy.snapshot.Fixtures.ready;
import static io.svclab.proxy.snapshot.Fixtures.service;
import static io.svclab.proxy.snapshot.Fixtures.slice;
import static io.svclab.proxy.snapshot.Fixtures.sliceEndpoint;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ClientIPConfig;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.LoadBalancerStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceStatus;
import io.svclab.api.v1.SessionAffinityConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotBuilderTest {

  static Arguments of(String name, List<Service> services, List<EndpointSlice> slices, Consumer<ProxySnapshot> check) {
    return Arguments.of(name, services, slices, check);
  }

  static Stream<Arguments> cases() {
    Service web = service("web", s -> {});
    return Stream.of(
        of("service without slices has a port and no endpoints", List.of(web), List.of(), s -> {
          assertThat(s.servicePorts()).singleElement().satisfies(p -> {
            assertThat(p.name().toString()).isEqualTo("default/web:http");
            assertThat(p.clusterIp()).isEqualTo("127.96.0.20");
            assertThat(p.port()).isEqualTo(80);
            assertThat(p.endpoints()).isEmpty();
            assertThat(p.nodePort()).isZero();
          });
        }),
        of("endpoints come from the slice port with the same name", List.of(web),
            List.of(slice("web-a", "web", "http", 8080, ready("127.244.1.2", NODE), ready("127.244.2.2", "node-2")),
                slice("web-b", "web", "metrics", 9090, ready("127.244.1.9", NODE))), s ->
                assertThat(s.servicePorts().get(0).endpoints()).extracting(Endpoint::address)
                    .containsExactly("127.244.1.2:8080", "127.244.2.2:8080")),
        of("slices of another service or namespace are ignored", List.of(web),
            List.of(slice("other", "other", "http", 8080, ready("127.244.1.2", NODE)),
                slice("web-x", "web", "http", 8080, ready("127.244.1.3", NODE)).toBuilder()
                    .setMetadata(slice("web-x", "web", "http", 8080).getMetadata().toBuilder().setNamespace("prod"))
                    .build()), s -> assertThat(s.servicePorts().get(0).endpoints()).isEmpty()),
        of("node-local flag follows nodeName", List.of(web),
            List.of(slice("web-a", "web", "http", 8080, ready("127.244.1.2", NODE), ready("127.244.2.2", "node-2"),
                ready("127.244.3.2", null))), s ->
                assertThat(s.servicePorts().get(0).endpoints()).extracting(Endpoint::local).containsExactly(true, false, false)),
        of("unset conditions: ready, serving as ready, not terminating", List.of(web),
            List.of(slice("web-a", "web", "http", 8080, sliceEndpoint("127.244.1.2", NODE, null, null, null),
                sliceEndpoint("127.244.1.3", NODE, false, null, null),
                sliceEndpoint("127.244.1.4", NODE, false, true, true))), s ->
                assertThat(s.servicePorts().get(0).endpoints()).containsExactly(
                    new Endpoint("127.244.1.2", 8080, NODE, true, true, false, true),
                    new Endpoint("127.244.1.3", 8080, NODE, false, false, false, true),
                    new Endpoint("127.244.1.4", 8080, NODE, false, true, true, true))),
        of("an endpoint in two slices counts once, the ready copy wins", List.of(web),
            List.of(slice("web-a", "web", "http", 8080, sliceEndpoint("127.244.1.2", NODE, false, false, false)),
                slice("web-b", "web", "http", 8080, ready("127.244.1.2", NODE))), s ->
                assertThat(s.servicePorts().get(0).endpoints()).singleElement().extracting(Endpoint::ready).isEqualTo(true)),
        of("IPv6 slices are ignored", List.of(web),
            List.of(slice("web-a", "web", "http", 8080, ready("fd00::1", NODE)).toBuilder().setAddressType("IPv6").build()),
            s -> assertThat(s.servicePorts().get(0).endpoints()).isEmpty()),
        of("slice port of another protocol does not match", List.of(web),
            List.of(slice("web-a", "web", "http", 8080, ready("127.244.1.2", NODE)).toBuilder()
                .setPorts(0, EndpointSlicePort.newBuilder().setName("http").setProtocol("UDP").setPort(8080)).build()),
            s -> assertThat(s.servicePorts().get(0).endpoints()).isEmpty()),
        of("headless and ExternalName services are not proxied",
            List.of(service("headless", s -> s.setClusterIp("None")),
                service("ext", s -> s.setType("ExternalName").setClusterIp("").setExternalName("example.com"))),
            List.of(), s -> assertThat(s.servicePorts()).isEmpty()),
        of("SCTP ports are skipped with a reason",
            List.of(service("sctp", s -> s.setPorts(0, ServicePort.newBuilder().setName("x").setProtocol("SCTP").setPort(9)))),
            List.of(), s -> {
              assertThat(s.servicePorts()).isEmpty();
              assertThat(s.skipped()).singleElement().asString().contains("default/sctp:x", "SCTP");
            }),
        of("NodePort service carries its node port; ClusterIP never does",
            List.of(service("np", s -> s.setType("NodePort").setPorts(0, s.getPorts(0).toBuilder().setNodePort(30080))),
                service("cip", s -> s.setPorts(0, s.getPorts(0).toBuilder().setNodePort(30081)))),
            List.of(), s -> assertThat(s.servicePorts()).extracting(ServicePortInfo::nodePort).containsExactly(0, 30080)),
        of("LoadBalancer ingress IPs, except ipMode Proxy, and externalIPs",
            List.of(service("lb", s -> s.setType("LoadBalancer").addExternalIps("127.0.50.1"))
                .toBuilder().setStatus(ServiceStatus.newBuilder().setLoadBalancer(LoadBalancerStatus.newBuilder()
                    .addIngress(LoadBalancerIngress.newBuilder().setIp("127.100.0.1"))
                    .addIngress(LoadBalancerIngress.newBuilder().setIp("127.100.0.2").setIpMode("Proxy")))).build()),
            List.of(), s -> {
              assertThat(s.servicePorts().get(0).loadBalancerIps()).containsExactly("127.100.0.1");
              assertThat(s.servicePorts().get(0).externalIps()).containsExactly("127.0.50.1");
            }),
        of("sessionAffinity ClientIP: configured timeout, else 10800 s",
            List.of(service("a", s -> s.setSessionAffinity("ClientIP").setSessionAffinityConfig(SessionAffinityConfig
                    .newBuilder().setClientIp(ClientIPConfig.newBuilder().setTimeoutSeconds(60)))),
                service("b", s -> s.setSessionAffinity("ClientIP")), service("c", s -> s.setSessionAffinity("None"))),
            List.of(), s -> assertThat(s.servicePorts()).extracting(ServicePortInfo::affinityTimeout)
                .containsExactly(Duration.ofSeconds(60), Duration.ofSeconds(10800), null)),
        of("traffic policies: ETP Local only counts for external services",
            List.of(service("a", s -> s.setType("NodePort").setExternalTrafficPolicy("Local").setInternalTrafficPolicy("Local")),
                service("b", s -> s.setExternalTrafficPolicy("Local"))),
            List.of(), s -> {
              assertThat(s.servicePorts()).extracting(ServicePortInfo::externalPolicyLocal).containsExactly(true, false);
              assertThat(s.servicePorts()).extracting(ServicePortInfo::internalPolicyLocal).containsExactly(true, false);
            }),
        of("LoadBalancer + ETP Local gets a health check counting ready local endpoints",
            List.of(service("lb", s -> s.setType("LoadBalancer").setExternalTrafficPolicy("Local").setHealthCheckNodePort(32000))),
            List.of(slice("lb-a", "lb", "http", 8080, ready("127.244.1.2", NODE), ready("127.244.1.3", NODE),
                ready("127.244.2.2", "node-2"), sliceEndpoint("127.244.1.4", NODE, false, true, true))), s ->
                assertThat(s.healthChecks()).containsExactly(java.util.Map.entry("default/lb",
                    new ProxySnapshot.HealthCheck("default", "lb", 32000, 2)))),
        of("LoadBalancer + ETP Cluster has no health check",
            List.of(service("lb", s -> s.setType("LoadBalancer").setHealthCheckNodePort(32000))),
            List.of(), s -> assertThat(s.healthChecks()).isEmpty()),
        of("loadBalancerSourceRanges: trimmed, host bits cleared, IPv6 and garbage and bare addresses left out",
            List.of(service("lb", s -> s.setType("LoadBalancer").addAllLoadBalancerSourceRanges(List.of(
                " 203.0.113.0/25", "198.51.100.7/24", "2001:db8::/64", "not-a-cidr", "192.0.2.1")))),
            List.of(), s -> assertThat(s.servicePorts()).singleElement().satisfies(p ->
                assertThat(p.loadBalancerSourceRanges()).containsExactly("203.0.113.0/25", "198.51.100.0/24"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void builds(String name, List<Service> services, List<EndpointSlice> slices, Consumer<ProxySnapshot> check) {
    check.accept(SnapshotBuilder.build(services, slices, NODE));
  }
}
