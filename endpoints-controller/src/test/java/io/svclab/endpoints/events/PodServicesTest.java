package io.svclab.endpoints.events;

import static io.svclab.endpoints.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodIP;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodServicesTest {
  /** web selects app=web; canary selects app=web,track=canary; api selects app=api; manual has no selector. */
  static final List<Service> SERVICES = List.of(
      service("default", "web", Map.of("app", "web")),
      service("default", "canary", Map.of("app", "web", "track", "canary")),
      service("default", "api", Map.of("app", "api")),
      service("default", "manual", Map.of()),
      service("other", "web", Map.of("app", "web")));

  static Service service(String namespace, String name, Map<String, String> selector) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace(namespace).setName(name))
        .setSpec(ServiceSpec.newBuilder().putAllSelector(selector)).build();
  }

  static Pod web(UnaryOperator<Pod.Builder> tweak) {
    return pod("web-1", "10.244.1.5", true, p -> tweak.apply(p.setMetadata(p.getMetadata().toBuilder().setResourceVersion("1"))));
  }

  static Pod changed(Pod before, UnaryOperator<Pod.Builder> tweak) {
    Pod.Builder b = before.toBuilder();
    b.getMetadataBuilder().setResourceVersion("2");
    return tweak.apply(b).build();
  }

  static Pod.Builder labels(Pod.Builder p, Map<String, String> labels) {
    p.getMetadataBuilder().clearLabels().putAllLabels(labels);
    return p;
  }

  static Stream<Arguments> addsAndDeletes() {
    return Stream.of(
        Arguments.of("pod matching one selector", web(p -> p), List.of("default/web")),
        Arguments.of("pod matching two selectors", web(p -> labels(p, Map.of("app", "web", "track", "canary"))),
            List.of("default/canary", "default/web")),
        Arguments.of("pod matching none", web(p -> labels(p, Map.of("app", "db"))), List.of()),
        Arguments.of("pod without labels never matches the selectorless service", web(p -> labels(p, Map.of())),
            List.of()),
        Arguments.of("services of other namespaces are not considered",
            web(p -> { p.getMetadataBuilder().setNamespace("third"); return p; }), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("addsAndDeletes")
  void addOrDelete(String name, Pod pod, List<String> expected) {
    assertThat(PodServices.selecting(pod, SERVICES)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> updates() {
    Pod pod = web(p -> p);
    Pod canary = web(p -> labels(p, Map.of("app", "web", "track", "canary")));
    return Stream.of(
        Arguments.of("same resourceVersion is a resync, not a change", pod, pod, List.of()),
        Arguments.of("an annotation changes no endpoint", pod,
            changed(pod, p -> { p.getMetadataBuilder().putAnnotations("note", "x"); return p; }), List.of()),
        Arguments.of("readiness change syncs its services", pod, changed(pod, p -> {
          p.getStatusBuilder().getConditionsBuilder(0).setStatus("False");
          return p;
        }), List.of("default/web")),
        Arguments.of("new pod IP syncs its services", pod, changed(pod, p -> {
          p.getStatusBuilder().setPodIp("10.244.1.6").clearPodIps().addPodIps(PodIP.newBuilder().setIp("10.244.1.6"));
          return p;
        }), List.of("default/web")),
        Arguments.of("deletion started syncs its services", pod, changed(pod, p -> {
          p.getMetadataBuilder().setDeletionTimestamp(Timestamp.newBuilder().setSeconds(100));
          return p;
        }), List.of("default/web")),
        Arguments.of("phase Failed syncs its services", pod, changed(pod, p -> {
          p.getStatusBuilder().setPhase("Failed");
          return p;
        }), List.of("default/web")),
        Arguments.of("label added: only the service it joined", pod,
            changed(pod, p -> labels(p, Map.of("app", "web", "track", "canary"))), List.of("default/canary")),
        Arguments.of("label removed: only the service it left", canary,
            changed(canary, p -> labels(p, Map.of("app", "web"))), List.of("default/canary")),
        Arguments.of("moved between services: both", pod,
            changed(pod, p -> labels(p, Map.of("app", "api"))), List.of("default/api", "default/web")),
        Arguments.of("label and readiness change: old and new services", pod, changed(pod, p -> {
          p.getStatusBuilder().getConditionsBuilder(0).setStatus("False");
          return labels(p, Map.of("app", "web", "track", "canary"));
        }), List.of("default/canary", "default/web")),
        Arguments.of("hostname change syncs the services selecting it", pod, changed(pod, p -> {
          p.getSpecBuilder().setHostname("web-1").setSubdomain("web");
          return p;
        }), List.of("default/web")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void update(String name, Pod before, Pod after, List<String> expected) {
    assertThat(PodServices.onUpdate(before, after, SERVICES)).containsExactlyElementsOf(expected);
  }
}
