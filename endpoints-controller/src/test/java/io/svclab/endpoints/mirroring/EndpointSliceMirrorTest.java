package io.svclab.endpoints.mirroring;

import static io.svclab.endpoints.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.endpoints.WellKnownKeys;
import io.svclab.endpoints.slices.SlicePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointSliceMirrorTest {

  static final Service SELECTORLESS = service(s -> s.clearSelector());

  /** Mirror {@code before} first (when given), then {@code endpoints} against the result. */
  record Case(Service service, EndpointsObject before, EndpointsObject endpoints, Consumer<SlicePlan> expect) {}

  static Stream<Arguments> cases() {
    EndpointsObject two = endpoints(s -> s.addAddresses(ip("192.0.2.10")).addNotReadyAddresses(ip("192.0.2.11")));
    return Stream.of(
        Arguments.of("addresses mirror ready, notReadyAddresses not ready", new Case(SELECTORLESS, null, two, plan -> {
          assertThat(plan.toCreate()).singleElement().satisfies(slice -> {
            assertThat(slice.getMetadata().getLabelsMap())
                .containsEntry(WellKnownKeys.LABEL_MANAGED_BY, "endpointslicemirroring-controller.k8s.io")
                .containsEntry(WellKnownKeys.LABEL_SERVICE_NAME, "web")
                .containsEntry("owner", "me");
            assertThat(slice.getMetadata().getOwnerReferences(0).getKind()).isEqualTo("Endpoints");
            assertThat(slice.getMetadata().getAnnotationsMap()).doesNotContainKey(WellKnownKeys.ANNOTATION_LAST_APPLIED);
            assertThat(slice.getAddressType()).isEqualTo("IPv4");
            assertThat(slice.getPorts(0).getPort()).isEqualTo(5432);
            assertThat(slice.getEndpointsList()).extracting(e -> e.getAddresses(0) + "=" + e.getConditions().getReady())
                .containsExactly("192.0.2.10=true", "192.0.2.11=false");
            assertThat(slice.getEndpoints(0).getConditions().hasServing()).isFalse();
          });
        })),
        Arguments.of("unchanged endpoints write nothing", new Case(SELECTORLESS, two, two,
            plan -> assertThat(plan.isEmpty()).isTrue())),
        Arguments.of("changed address updates the slice in place", new Case(SELECTORLESS, two,
            endpoints(s -> s.addAddresses(ip("192.0.2.10")).addAddresses(ip("192.0.2.11"))), plan -> {
              assertThat(plan.toCreate()).isEmpty();
              assertThat(plan.toUpdate()).singleElement().satisfies(slice -> assertThat(slice.getEndpointsList())
                  .allSatisfy(e -> assertThat(e.getConditions().getReady()).isTrue()));
            })),
        Arguments.of("IPv6 and invalid addresses", new Case(SELECTORLESS, null,
            endpoints(s -> s.addAddresses(ip("2001:db8::1")).addAddresses(ip("not-an-ip")).addAddresses(ip("192.0.2.1"))),
            plan -> assertThat(plan.toCreate()).extracting(EndpointSlice::getAddressType).containsExactly("IPv4", "IPv6"))),
        Arguments.of("empty endpoints mirror to no slices", new Case(SELECTORLESS, null, endpoints(s -> s.clearPorts()),
            plan -> assertThat(plan.isEmpty()).isTrue())),
        Arguments.of("service with a selector removes mirrored slices", new Case(service(), two, two,
            plan -> assertThat(plan.toDelete()).hasSize(1))),
        Arguments.of("skip-mirror label removes mirrored slices", new Case(SELECTORLESS, two,
            two.toBuilder().setMetadata(two.getMetadata().toBuilder().putLabels(WellKnownKeys.LABEL_SKIP_MIRROR, "true")).build(),
            plan -> assertThat(plan.toDelete()).hasSize(1))),
        Arguments.of("deleted endpoints remove mirrored slices", new Case(SELECTORLESS, two, null,
            plan -> assertThat(plan.toDelete()).hasSize(1))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void mirror(String name, Case c) {
    List<EndpointSlice> existing = new ArrayList<>();
    if (c.before() != null) {
      SlicePlan first = EndpointSliceMirror.reconcile(SELECTORLESS, c.before(), List.of());
      for (int i = 0; i < first.toCreate().size(); i++) {
        EndpointSlice created = first.toCreate().get(i);
        existing.add(created.toBuilder().setMetadata(created.getMetadata().toBuilder()
            .setName("web-m" + i).setResourceVersion("1")).build());
      }
    }
    c.expect().accept(EndpointSliceMirror.reconcile(c.service(), c.endpoints(), existing));
  }

  static EndpointsObject endpoints(UnaryOperator<EndpointSubset.Builder> subset) {
    return EndpointsObject.newBuilder()
        .setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("default").setUid("ep-uid")
            .putLabels("owner", "me").putAnnotations(WellKnownKeys.ANNOTATION_LAST_APPLIED, "{}"))
        .addSubsets(subset.apply(EndpointSubset.newBuilder()
            .addPorts(EndpointPort.newBuilder().setName("db").setPort(5432).setProtocol("TCP"))))
        .build();
  }

  static EndpointAddress ip(String ip) {
    return EndpointAddress.newBuilder().setIp(ip).build();
  }
}
