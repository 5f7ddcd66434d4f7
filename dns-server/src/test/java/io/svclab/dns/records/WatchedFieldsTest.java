package io.svclab.dns.records;

import static io.svclab.dns.Fixtures.externalName;
import static io.svclab.dns.Fixtures.service;
import static io.svclab.dns.Fixtures.slice;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.dns.Fixtures;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A trimmed object publishes exactly the records of the original, and keeps what the informer needs. */
class WatchedFieldsTest {
  record Case(String name, Service service, List<EndpointSlice> slices) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** What the apiserver sends besides: uid, resourceVersion, timestamps, labels, annotations, selector, defaults. */
  static Service asStored(Service s) {
    Service.Builder b = s.toBuilder();
    b.getMetadataBuilder().setUid("3f1c-uid").setResourceVersion("42").setGeneration(1)
        .putLabels("app", "web").putAnnotations("kubectl.kubernetes.io/last-applied-configuration", "{...}")
        .getCreationTimestampBuilder().setSeconds(1700000000);
    b.getSpecBuilder().putSelector("app", "web").setSessionAffinity("None").addIpFamilies("IPv4")
        .setIpFamilyPolicy("SingleStack").setInternalTrafficPolicy("Cluster");
    for (ServicePort.Builder p : b.getSpecBuilder().getPortsBuilderList()) {
      p.setTargetPort(IntOrString.newBuilder().setNumber(8080)).setAppProtocol("http");
    }
    return b.build();
  }

  static EndpointSlice asStored(EndpointSlice s) {
    EndpointSlice.Builder b = s.toBuilder();
    b.getMetadataBuilder().setUid("9a2e-uid").setResourceVersion("43")
        .putLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
    for (Endpoint.Builder e : b.getEndpointsBuilderList()) {
      e.setNodeName("node-1").getConditionsBuilder().setServing(true).setTerminating(false);
      e.getTargetRefBuilder().setKind("Pod").setName("web-0").setNamespace("ns");
    }
    return b.build();
  }

  static Service headless(String name, boolean publishNotReady) {
    Service s = service("ns", name, "None", "http/TCP/80");
    return s.toBuilder().setSpec(s.getSpec().toBuilder().setPublishNotReadyAddresses(publishNotReady)).build();
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("ClusterIP with a named port", service("ns", "web", "10.0.0.1", "http/TCP/80"),
            List.of(slice("ns", "web", "web-1", "IPv4", List.of("10.1.0.1=web-0", "10.1.0.2"), "http/TCP/8080"))),
        new Case("dual-stack ClusterIPs", service("ns", "web", "10.0.0.3,10::3", "http/TCP/80"), List.of()),
        new Case("headless: ready, not ready, hostnames, two slices", headless("web", false),
            List.of(slice("ns", "web", "web-1", "IPv4", List.of("10.1.0.1=a", "10.1.0.2!", "10.1.0.3"), "http/TCP/8080"),
                slice("ns", "web", "web-2", "IPv6", List.of("5678:abcd::1"), "http/TCP/8080"))),
        new Case("headless publishing not-ready addresses", headless("web", true),
            List.of(slice("ns", "web", "web-1", "IPv4", List.of("10.1.0.1", "10.1.0.2!"), "http/TCP/8080"))),
        new Case("headless, portless slice", headless("web", false),
            List.of(slice("ns", "web", "web-1", "IPv4", List.of("10.1.0.1")))),
        new Case("ExternalName", externalName("ns", "web", "example.org"), List.of()),
        new Case("slice port without name or protocol, endpoint without conditions", headless("web", false),
            List.of(EndpointSlice.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("ns").setName("web-1")
                    .putLabels(ClusterRecords.SERVICE_NAME_LABEL, "web")).setAddressType("IPv4")
                .addPorts(EndpointSlicePort.newBuilder().setPort(8080))
                .addEndpoints(Endpoint.newBuilder().addAddresses("10.1.0.7")).build())),
        new Case("FQDN slice is ignored either way", headless("web", false),
            List.of(slice("ns", "web", "web-1", "FQDN", List.of("example.org"), "http/TCP/80"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void trimmedObjectsPublishTheSameRecords(Case c) {
    Service stored = asStored(c.service());
    List<EndpointSlice> storedSlices = c.slices().stream().map(WatchedFieldsTest::asStored).toList();
    ServiceRecord original = ClusterRecords.toRecord(stored, storedSlices);
    ServiceRecord trimmed = ClusterRecords.toRecord(WatchedFields.service(stored),
        storedSlices.stream().map(WatchedFields::slice).toList());
    assertThat(trimmed).isEqualTo(original);
    assertThat(WatchedFields.service(stored).getSerializedSize()).isLessThan(stored.getSerializedSize());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void keepsWhatTheInformerComparesAndTheSliceOwner(Case c) {
    Service trimmed = WatchedFields.service(asStored(c.service()));
    assertThat(trimmed.getMetadata().getUid()).isEqualTo("3f1c-uid");
    assertThat(trimmed.getMetadata().getResourceVersion()).isEqualTo("42");
    assertThat(trimmed.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(trimmed.getMetadata().getName()).isEqualTo("web");
    assertThat(trimmed.getMetadata().getLabelsMap()).isEmpty();
    for (EndpointSlice s : c.slices()) {
      EndpointSlice slice = WatchedFields.slice(asStored(s));
      assertThat(slice.getMetadata().getLabelsMap()).containsExactly(java.util.Map.entry(ClusterRecords.SERVICE_NAME_LABEL, "web"));
      assertThat(slice.getMetadata().getResourceVersion()).isEqualTo("43");
      assertThat(slice.getEndpointsList()).allSatisfy(e -> assertThat(e.hasTargetRef()).isFalse());
    }
  }

  @Test
  void podsKeepTheirAddressesOnly() {
    Pod pod = Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace("ns").setName("p").setUid("u")
            .setResourceVersion("7").putLabels("app", "web"))
        .setStatus(PodStatus.newBuilder().setPhase("Running").setPodIp("10.1.0.1")
            .addPodIps(PodIP.newBuilder().setIp("10.1.0.1")).addPodIps(PodIP.newBuilder().setIp("fd00::1"))
            .addConditions(io.svclab.api.v1.PodCondition.newBuilder().setType("Ready").setStatus("True")))
        .build();
    ClusterRecords original = new ClusterRecords();
    ClusterRecords trimmed = new ClusterRecords();
    original.putNamespace(Fixtures.namespace("ns"));
    trimmed.putNamespace(WatchedFields.namespace(Fixtures.namespace("ns")));
    original.putPod(pod);
    trimmed.putPod(WatchedFields.pod(pod));
    for (String ip : List.of("10.1.0.1", "fd00::1", "10.1.0.2")) {
      assertThat(trimmed.index(1).podExists("ns", ip)).as(ip).isEqualTo(original.index(1).podExists("ns", ip));
    }
    assertThat(WatchedFields.pod(pod).getStatus().getConditionsCount()).isZero();
    assertThat(WatchedFields.pod(pod).getMetadata().getResourceVersion()).isEqualTo("7");
  }

  @Test
  void repeatedValuesAreStoredOnce() {
    Service a = WatchedFields.service(asStored(service(new String("ns"), "a", "10.0.0.1", "http/TCP/80")));
    Service b = WatchedFields.service(asStored(service(new String("ns"), "b", "10.0.0.2", "http/TCP/80")));
    assertThat(a.getMetadata().getNamespace()).isSameAs(b.getMetadata().getNamespace());
    assertThat(a.getSpec().getPorts(0).getProtocol()).isSameAs(b.getSpec().getPorts(0).getProtocol());
  }

}
