package io.svclab.endpoints.legacy;

import static io.svclab.endpoints.Fixtures.NOW;
import static io.svclab.endpoints.Fixtures.containerPort;
import static io.svclab.endpoints.Fixtures.namedPort;
import static io.svclab.endpoints.Fixtures.pod;
import static io.svclab.endpoints.Fixtures.service;
import static io.svclab.endpoints.Fixtures.terminating;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.ObjectReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.endpoints.WellKnownKeys;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointsBuilderTest {

  static Stream<Arguments> cases() {
    Service web = service();
    return Stream.of(
        Arguments.of("empty service has no subsets", web, List.<Pod>of(), expect(e -> {
          assertThat(e.getSubsetsList()).isEmpty();
          assertThat(e.getMetadata().getName()).isEqualTo("web");
          assertThat(e.getMetadata().getLabelsMap()).containsExactlyEntriesOf(java.util.Map.of("team", "blue"));
          assertThat(e.getMetadata().getAnnotationsMap())
              .containsEntry(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME, "2024-05-01T10:00:00Z");
        })),
        Arguments.of("two ready pods share one subset", web,
            List.of(pod("b", "10.244.1.3", true), pod("a", "10.244.1.2", true)), expect(e ->
                assertThat(e.getSubsetsList()).containsExactly(EndpointSubset.newBuilder()
                    .addAddresses(address("a", "10.244.1.2"))
                    .addAddresses(address("b", "10.244.1.3"))
                    .addPorts(EndpointPort.newBuilder().setName("http").setPort(8080).setProtocol("TCP"))
                    .build()))),
        Arguments.of("not ready pod goes to notReadyAddresses", web,
            List.of(pod("a", "10.244.1.2", true), pod("b", "10.244.1.3", false)), expect(e ->
                assertThat(e.getSubsetsList()).singleElement().satisfies(s -> {
                  assertThat(s.getAddressesList()).extracting(EndpointAddress::getIp).containsExactly("10.244.1.2");
                  assertThat(s.getNotReadyAddressesList()).extracting(EndpointAddress::getIp).containsExactly("10.244.1.3");
                }))),
        Arguments.of("publishNotReadyAddresses publishes not ready pods as ready",
            service(s -> s.setPublishNotReadyAddresses(true)), List.of(pod("b", "10.244.1.3", false)), expect(e ->
                assertThat(e.getSubsets(0).getAddressesList()).extracting(EndpointAddress::getIp)
                    .containsExactly("10.244.1.3"))),
        Arguments.of("a pod without a node (a control-plane mirror pod) has no nodeName", web,
            List.of(pod("mirror", "127.0.0.1", true, p -> { p.getSpecBuilder().clearNodeName(); return p; })), expect(e ->
                assertThat(e.getSubsets(0).getAddresses(0).hasNodeName()).isFalse())),
        Arguments.of("a bound pod's address names its node", web,
            List.of(pod("a", "10.244.1.2", true)), expect(e ->
                assertThat(e.getSubsets(0).getAddresses(0).getNodeName()).isEqualTo("node-1"))),
        Arguments.of("terminating pod is left out", web,
            List.of(pod("a", "10.244.1.2", true, p -> terminating(p))), expect(e -> assertThat(e.getSubsetsList()).isEmpty())),
        Arguments.of("terminating pod stays with publishNotReadyAddresses",
            service(s -> s.setPublishNotReadyAddresses(true)),
            List.of(pod("a", "10.244.1.2", true, p -> terminating(p))), expect(e ->
                assertThat(e.getSubsets(0).getAddressesCount()).isEqualTo(1))),
        Arguments.of("pods without IP and terminal pods are skipped", web, List.of(pod("noip", "", true),
            pod("done", "10.244.1.5", true, p -> { p.getStatusBuilder().setPhase("Succeeded"); return p; })),
            expect(e -> assertThat(e.getSubsetsList()).isEmpty())),
        Arguments.of("named port resolving to two numbers makes two subsets",
            service(s -> s.clearPorts().addPorts(namedPort("http", "web"))), List.of(
                pod("a", "10.244.1.2", true, p -> containerPort(p, "web", 8080)),
                pod("b", "10.244.1.3", true, p -> containerPort(p, "web", 9090))), expect(e ->
                assertThat(e.getSubsetsList()).extracting(s -> s.getAddresses(0).getIp() + ":" + s.getPorts(0).getPort())
                    .containsExactly("10.244.1.2:8080", "10.244.1.3:9090"))),
        Arguments.of("hostname is set when subdomain is the service name", web, List.of(
            pod("a", "10.244.1.2", true, p -> { p.getSpecBuilder().setHostname("a-host").setSubdomain("web"); return p; })),
            expect(e -> assertThat(e.getSubsets(0).getAddresses(0).getHostname()).isEqualTo("a-host"))),
        Arguments.of("headless service without ports publishes bare addresses",
            service(s -> s.setClusterIp("None").clearPorts()), List.of(pod("a", "10.244.1.2", true)), expect(e -> {
              assertThat(e.getSubsetsList()).singleElement().satisfies(s -> {
                assertThat(s.getPortsList()).isEmpty();
                assertThat(s.getAddressesCount()).isEqualTo(1);
              });
              assertThat(e.getMetadata().getLabelsMap()).containsEntry(WellKnownKeys.LABEL_HEADLESS, "");
            })),
        Arguments.of("over 1000 addresses are truncated and marked", web, IntStream.range(0, 1100)
            .mapToObj(i -> pod(String.format("p%04d", i), "10.244." + (i / 250) + "." + (i % 250), i % 2 == 0)).toList(),
            expect(e -> {
              assertThat(e.getSubsets(0).getAddressesCount()).isEqualTo(550);
              assertThat(e.getSubsets(0).getNotReadyAddressesCount()).isEqualTo(450);
              assertThat(e.getMetadata().getAnnotationsMap()).containsEntry(WellKnownKeys.ANNOTATION_OVER_CAPACITY, "truncated");
            })),
        Arguments.of("service without selector is left alone", service(s -> s.clearSelector()),
            List.of(pod("a", "10.244.1.2", true)), (Consumer<Optional<EndpointsObject>>) e -> assertThat(e).isEmpty()),
        Arguments.of("ExternalName service is left alone", service(s -> s.setType("ExternalName")),
            List.of(pod("a", "10.244.1.2", true)), (Consumer<Optional<EndpointsObject>>) e -> assertThat(e).isEmpty()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void desired(String name, Service service, List<Pod> pods, Consumer<Optional<EndpointsObject>> expect) {
    expect.accept(EndpointsBuilder.desired(service, pods, NOW));
  }

  @Test
  void needsUpdateIgnoresTriggerTimeAndTargetVersions() {
    List<Pod> pods = List.of(pod("a", "10.244.1.2", true));
    EndpointsObject desired = EndpointsBuilder.desired(service(), pods, NOW).orElseThrow();
    EndpointsObject stored = EndpointsBuilder.desired(service(), pods, NOW.minusSeconds(300)).orElseThrow().toBuilder()
        .setMetadata(desired.getMetadata().toBuilder().setResourceVersion("7")
            .putAnnotations(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME, "2024-01-01T00:00:00Z"))
        .build();
    EndpointsObject withVersion = stored.toBuilder().setSubsets(0, stored.getSubsets(0).toBuilder()
        .setAddresses(0, stored.getSubsets(0).getAddresses(0).toBuilder()
            .setTargetRef(stored.getSubsets(0).getAddresses(0).getTargetRef().toBuilder().setResourceVersion("99")))).build();

    assertThat(EndpointsBuilder.needsUpdate(withVersion, desired)).isFalse();
    assertThat(EndpointsBuilder.needsUpdate(null, desired)).isTrue();
    EndpointsObject changed = EndpointsBuilder.desired(service(), List.of(pod("a", "10.244.1.2", false)), NOW).orElseThrow();
    assertThat(EndpointsBuilder.needsUpdate(withVersion, changed)).isTrue();
    assertThat(EndpointsBuilder.merge(withVersion, changed).getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(EndpointsBuilder.merge(withVersion, changed).getMetadata().getAnnotationsMap())
        .containsEntry(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME, "2024-05-01T10:00:00Z");
  }

  @Test
  void repackMergesSubsetsOfTheSameAddressesAndNotReadyWins() {
    EndpointPort p80 = EndpointPort.newBuilder().setName("a").setPort(80).setProtocol("TCP").build();
    EndpointPort p81 = EndpointPort.newBuilder().setName("b").setPort(81).setProtocol("TCP").build();
    EndpointAddress x = address("x", "10.0.0.1");
    List<EndpointSubset> packed = SubsetRepacker.repack(List.of(
        EndpointSubset.newBuilder().addAddresses(x).addPorts(p81).build(),
        EndpointSubset.newBuilder().addAddresses(x).addPorts(p80).build(),
        EndpointSubset.newBuilder().addNotReadyAddresses(x).addPorts(p80).build()));
    assertThat(packed).containsExactly(
        EndpointSubset.newBuilder().addNotReadyAddresses(x).addPorts(p80).build(),
        EndpointSubset.newBuilder().addAddresses(x).addPorts(p81).build());
  }

  private static Consumer<Optional<EndpointsObject>> expect(Consumer<EndpointsObject> check) {
    return e -> check.accept(e.orElseThrow());
  }

  private static EndpointAddress address(String pod, String ip) {
    return EndpointAddress.newBuilder().setIp(ip).setNodeName("node-1").setTargetRef(ObjectReference.newBuilder()
        .setKind("Pod").setNamespace("default").setName(pod).setUid(pod + "-uid")).build();
  }
}
