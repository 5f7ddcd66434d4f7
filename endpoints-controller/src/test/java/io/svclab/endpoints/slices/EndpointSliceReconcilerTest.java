package io.svclab.endpoints.slices;

import static io.svclab.endpoints.Fixtures.NOW;
import static io.svclab.endpoints.Fixtures.containerPort;
import static io.svclab.endpoints.Fixtures.namedPort;
import static io.svclab.endpoints.Fixtures.nodes;
import static io.svclab.endpoints.Fixtures.pod;
import static io.svclab.endpoints.Fixtures.service;
import static io.svclab.endpoints.Fixtures.terminating;
import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.ObjectReference;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.endpoints.WellKnownKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EndpointSliceReconcilerTest {

  /** Reconcile {@code before} into a store first (when given), then reconcile {@code pods} against it. */
  record Case(Service service, Service beforeService, List<Pod> before, List<Pod> pods, Consumer<Outcome> expect) {
    Case(Service service, List<Pod> before, List<Pod> pods, Consumer<Outcome> expect) {
      this(service, service, before, pods, expect);
    }
  }

  record Outcome(SlicePlan plan, List<EndpointSlice> after) {
    List<Endpoint> endpoints() {
      return after.stream().flatMap(s -> s.getEndpointsList().stream()).toList();
    }

    Endpoint endpoint(String podName) {
      return endpoints().stream().filter(e -> e.getTargetRef().getName().equals(podName)).findFirst().orElseThrow();
    }

    List<Integer> sliceSizes() {
      return after.stream().map(EndpointSlice::getEndpointsCount).sorted().toList();
    }
  }

  static Stream<Arguments> cases() {
    Service web = service();
    return Stream.of(
        Arguments.of("empty service gets one placeholder slice", new Case(web, null, List.of(), o -> {
          assertThat(o.plan().toCreate()).hasSize(1);
          EndpointSlice placeholder = o.plan().toCreate().get(0);
          assertThat(placeholder.getEndpointsList()).isEmpty();
          assertThat(placeholder.getPortsList()).isEmpty();
          assertThat(placeholder.getAddressType()).isEqualTo("IPv4");
          assertThat(placeholder.getMetadata().getLabelsMap()).containsEntry(WellKnownKeys.LABEL_SERVICE_NAME, "web");
        })),
        Arguments.of("existing placeholder is left alone", new Case(web, List.of(), List.of(),
            o -> assertThat(o.plan().isEmpty()).isTrue())),
        Arguments.of("two ready pods make one slice", new Case(web, null,
            List.of(pod("a", "10.244.1.2", true), pod("b", "10.244.1.3", true)), o -> {
              assertThat(o.plan().toCreate()).hasSize(1);
              assertThat(o.plan().toUpdate()).isEmpty();
              EndpointSlice slice = o.plan().toCreate().get(0);
              assertThat(slice.getMetadata().getGenerateName()).isEqualTo("web-");
              assertThat(slice.getMetadata().getNamespace()).isEqualTo("default");
              assertThat(slice.getMetadata().getLabelsMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                  WellKnownKeys.LABEL_SERVICE_NAME, "web",
                  WellKnownKeys.LABEL_MANAGED_BY, "endpointslice-controller.k8s.io",
                  "team", "blue"));
              assertThat(slice.getMetadata().getAnnotationsMap())
                  .containsEntry(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME, "2024-05-01T10:00:00Z");
              assertThat(slice.getMetadata().getOwnerReferencesList()).containsExactly(OwnerReference.newBuilder()
                  .setApiVersion("v1").setKind("Service").setName("web").setUid("svc-uid")
                  .setController(true).setBlockOwnerDeletion(true).build());
              assertThat(slice.getPortsList()).containsExactly(EndpointSlicePort.newBuilder()
                  .setName("http").setProtocol("TCP").setPort(8080).build());
              assertThat(slice.getEndpointsList()).extracting(e -> e.getAddresses(0))
                  .containsExactly("10.244.1.2", "10.244.1.3");
              Endpoint a = slice.getEndpoints(0);
              assertThat(a.getConditions().getReady()).isTrue();
              assertThat(a.getConditions().getServing()).isTrue();
              assertThat(a.getConditions().getTerminating()).isFalse();
              assertThat(a.getNodeName()).isEqualTo("node-1");
              assertThat(a.getZone()).isEqualTo("zone-a");
              assertThat(a.hasHostname()).isFalse();
              assertThat(a.getTargetRef()).isEqualTo(ObjectReference.newBuilder()
                  .setKind("Pod").setNamespace("default").setName("a").setUid("a-uid").build());
            })),
        Arguments.of("not ready pod is ready=false serving=false", new Case(web, null,
            List.of(pod("a", "10.244.1.2", false)), o -> {
              Endpoint a = o.endpoint("a");
              assertThat(a.getConditions().getReady()).isFalse();
              assertThat(a.getConditions().getServing()).isFalse();
              assertThat(a.getConditions().getTerminating()).isFalse();
            })),
        Arguments.of("publishNotReadyAddresses makes a not ready pod ready", new Case(
            service(s -> s.setPublishNotReadyAddresses(true)), null, List.of(pod("a", "10.244.1.2", false)), o -> {
              assertThat(o.endpoint("a").getConditions().getReady()).isTrue();
              assertThat(o.endpoint("a").getConditions().getServing()).isFalse();
            })),
        Arguments.of("terminating ready pod is serving and terminating but not ready", new Case(web, null,
            List.of(pod("a", "10.244.1.2", true, p -> terminating(p))), o -> {
              Endpoint a = o.endpoint("a");
              assertThat(a.getConditions().getReady()).isFalse();
              assertThat(a.getConditions().getServing()).isTrue();
              assertThat(a.getConditions().getTerminating()).isTrue();
            })),
        Arguments.of("terminating pod with publishNotReadyAddresses stays ready", new Case(
            service(s -> s.setPublishNotReadyAddresses(true)), null,
            List.of(pod("a", "10.244.1.2", false, p -> terminating(p))), o -> {
              assertThat(o.endpoint("a").getConditions().getReady()).isTrue();
              assertThat(o.endpoint("a").getConditions().getTerminating()).isTrue();
            })),
        Arguments.of("named targetPort resolving to two numbers makes two slices", new Case(
            service(s -> s.clearPorts().addPorts(namedPort("http", "web"))), null,
            List.of(pod("a", "10.244.1.2", true, p -> containerPort(p, "web", 8080)),
                pod("b", "10.244.1.3", true, p -> containerPort(p, "web", 9090)),
                pod("c", "10.244.1.4", true, p -> containerPort(p, "web", 8080))), o -> {
              assertThat(o.plan().toCreate()).hasSize(2);
              assertThat(o.after()).extracting(s -> s.getPorts(0).getPort() + "=" + s.getEndpointsCount())
                  .containsExactlyInAnyOrder("8080=2", "9090=1");
            })),
        Arguments.of("pod without the named port gets a slice without that port", new Case(
            service(s -> s.clearPorts().addPorts(namedPort("http", "web"))), null,
            List.of(pod("a", "10.244.1.2", true, p -> containerPort(p, "web", 8080)), pod("b", "10.244.1.3", true)),
            o -> assertThat(o.after()).extracting(EndpointSlice::getPortsCount).containsExactlyInAnyOrder(1, 0))),
        Arguments.of("250 pods make 3 slices of at most 100", new Case(web, null, pods(250, i -> true), o -> {
          assertThat(o.plan().toCreate()).hasSize(3);
          assertThat(o.sliceSizes()).containsExactly(50, 100, 100);
        })),
        Arguments.of("one readiness change updates exactly one slice", new Case(web, pods(250, i -> true),
            pods(250, i -> i != 17), o -> {
              assertThat(o.plan().toCreate()).isEmpty();
              assertThat(o.plan().toDelete()).isEmpty();
              assertThat(o.plan().toUpdate()).hasSize(1);
              assertThat(o.plan().toUpdate().get(0).getEndpointsList())
                  .anySatisfy(e -> {
                    assertThat(e.getTargetRef().getName()).isEqualTo("pod-017");
                    assertThat(e.getConditions().getReady()).isFalse();
                  });
              assertThat(o.sliceSizes()).containsExactly(50, 100, 100);
            })),
        Arguments.of("nothing changed writes nothing", new Case(web, pods(250, i -> true), pods(250, i -> true),
            o -> assertThat(o.plan().isEmpty()).isTrue())),
        Arguments.of("removed pod updates its slice only", new Case(web, pods(3, i -> true), pods(2, i -> true), o -> {
          assertThat(o.plan().toCreate()).isEmpty();
          assertThat(o.plan().toDelete()).isEmpty();
          assertThat(o.plan().toUpdate()).hasSize(1);
          assertThat(o.endpoints()).extracting(e -> e.getTargetRef().getName()).containsExactly("pod-000", "pod-001");
        })),
        Arguments.of("last pod removed turns the slice into the placeholder in place", new Case(web,
            pods(2, i -> true), List.of(), o -> {
              assertThat(o.plan().toCreate()).isEmpty();
              assertThat(o.plan().toDelete()).isEmpty();
              assertThat(o.plan().toUpdate()).hasSize(1);
              assertThat(o.after()).singleElement().satisfies(s -> {
                assertThat(s.getEndpointsCount()).isZero();
                assertThat(s.getPortsCount()).isZero();
              });
            })),
        Arguments.of("new pod fills the existing slice before any create", new Case(web, pods(2, i -> true),
            pods(3, i -> true), o -> {
              assertThat(o.plan().toCreate()).isEmpty();
              assertThat(o.plan().toUpdate()).hasSize(1);
              assertThat(o.sliceSizes()).containsExactly(3);
            })),
        Arguments.of("first pod reuses the placeholder", new Case(web, List.of(), pods(1, i -> true), o -> {
          assertThat(o.plan().toCreate()).isEmpty();
          assertThat(o.plan().toDelete()).isEmpty();
          assertThat(o.plan().toUpdate()).hasSize(1);
          assertThat(o.sliceSizes()).containsExactly(1);
        })),
        Arguments.of("service label change rewrites labels only", new Case(
            web.toBuilder().setMetadata(web.getMetadata().toBuilder().putLabels("team", "red")).build(), web,
            pods(2, i -> true), pods(2, i -> true), o -> {
              assertThat(o.plan().toCreate()).isEmpty();
              assertThat(o.plan().toUpdate()).singleElement().satisfies(s -> {
                assertThat(s.getMetadata().getLabelsMap()).containsEntry("team", "red");
                assertThat(s.getEndpointsCount()).isEqualTo(2);
              });
            })),
        Arguments.of("slice of an older service with the same name is replaced, not reused", new Case(
            web, web.toBuilder().setMetadata(web.getMetadata().toBuilder().setUid("old-uid")).build(),
            pods(2, i -> true), pods(2, i -> true), o -> {
              assertThat(o.plan().toCreate()).hasSize(1);
              assertThat(o.plan().toUpdate()).isEmpty();
              assertThat(o.plan().toDelete()).hasSize(1);
              assertThat(o.after()).singleElement().satisfies(s -> assertThat(
                  s.getMetadata().getOwnerReferences(0).getUid()).isEqualTo("svc-uid"));
            })),
        Arguments.of("service being deleted gets no new slices", new Case(
            web.toBuilder().setMetadata(web.getMetadata().toBuilder()
                .setDeletionTimestamp(com.google.protobuf.Timestamp.newBuilder().setSeconds(1))).build(), web,
            List.of(), pods(1, i -> true), o -> {
              assertThat(o.plan().toCreate()).isEmpty();
              assertThat(o.plan().toUpdate()).hasSize(1);
            })),
        Arguments.of("hostname is set when subdomain is the service name", new Case(web, null, List.of(
            pod("a", "10.244.1.2", true, p -> { p.getSpecBuilder().setHostname("a-host").setSubdomain("web"); return p; }),
            pod("b", "10.244.1.3", true, p -> { p.getSpecBuilder().setHostname("b-host").setSubdomain("other"); return p; })),
            o -> {
              assertThat(o.endpoint("a").getHostname()).isEqualTo("a-host");
              assertThat(o.endpoint("b").hasHostname()).isFalse();
            })),
        Arguments.of("pods without IP are skipped", new Case(web, null,
            List.of(pod("a", "", true), pod("b", "10.244.1.3", true)),
            o -> assertThat(o.endpoints()).extracting(e -> e.getTargetRef().getName()).containsExactly("b"))),
        Arguments.of("terminal pods are skipped", new Case(web, null, List.of(
            pod("done", "10.244.1.2", false, p -> { p.getStatusBuilder().setPhase("Succeeded"); return p; }),
            pod("dead", "10.244.1.3", false, p -> { p.getStatusBuilder().setPhase("Failed"); return p; }),
            pod("live", "10.244.1.4", true)),
            o -> assertThat(o.endpoints()).extracting(e -> e.getTargetRef().getName()).containsExactly("live"))),
        Arguments.of("pod on an unknown node is left out", new Case(web, null, List.of(
            pod("lost", "10.244.9.2", true, p -> { p.getSpecBuilder().setNodeName("node-9"); return p; }),
            pod("home", "10.244.1.2", true)),
            o -> assertThat(o.endpoints()).extracting(e -> e.getTargetRef().getName()).containsExactly("home"))),
        Arguments.of("headless service slices carry the headless label", new Case(
            service(s -> s.setClusterIp("None")), null, pods(1, i -> true), o -> assertThat(o.after())
                .allSatisfy(s -> assertThat(s.getMetadata().getLabelsMap()).containsEntry(WellKnownKeys.LABEL_HEADLESS, "")))),
        Arguments.of("service without selector gets no slices", new Case(
            service(s -> s.clearSelector()), null, pods(2, i -> true), o -> assertThat(o.plan().isEmpty()).isTrue())),
        Arguments.of("ExternalName service gets no slices", new Case(
            service(s -> s.setType("ExternalName").setClusterIp("").setExternalName("example.com")), null,
            pods(2, i -> true), o -> assertThat(o.plan().isEmpty()).isTrue())));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reconcile(String name, Case c) {
    SliceStore store = new SliceStore();
    if (c.before() != null) {
      store.apply(EndpointSliceReconciler.reconcile(c.beforeService(), c.before(), List.of(), nodes(), NOW.minusSeconds(60)));
    }
    SlicePlan plan = EndpointSliceReconciler.reconcile(c.service(), c.pods(), store.slices(), nodes(), NOW);
    c.expect().accept(new Outcome(plan, store.apply(plan).slices()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reconcilingAgainWritesNothing(String name, Case c) {
    SliceStore store = new SliceStore();
    store.apply(EndpointSliceReconciler.reconcile(c.service(), c.pods(), List.of(), nodes(), NOW));
    assertThat(EndpointSliceReconciler.reconcile(c.service(), c.pods(), store.slices(), nodes(), NOW).isEmpty()).isTrue();
  }

  static List<Pod> pods(int count, java.util.function.IntPredicate ready) {
    List<Pod> pods = new ArrayList<>();
    IntStream.range(0, count).forEach(i -> pods.add(pod(String.format("pod-%03d", i),
        "10.244." + (1 + i / 250) + "." + (2 + i % 250), ready.test(i))));
    return pods;
  }

  static Stream<Arguments> awaitingNode() {
    Pod home = pod("home", "10.244.1.2", true);
    Pod lost = pod("lost", "10.244.9.2", true, p -> { p.getSpecBuilder().setNodeName("node-9"); return p; });
    Pod unbound = pod("coredns-control-plane", "127.0.0.1", true, p -> { p.getSpecBuilder().clearNodeName(); return p; });
    return Stream.of(
        Arguments.of("a pod on a known node waits for nothing", service(), List.of(home), List.of()),
        Arguments.of("a pod on an unknown node: retry until it is known", service(), List.of(home, lost), List.of("lost")),
        Arguments.of("a pod bound to no node: left out, no retry (no node will come)", service(), List.of(unbound), List.of()),
        Arguments.of("publishNotReadyAddresses publishes it anyway: no retry",
            service(s -> s.setPublishNotReadyAddresses(true)), List.of(lost), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("awaitingNode")
  void podsAwaitingTheirNode(String name, Service service, List<Pod> pods, List<String> waiting) {
    assertThat(EndpointSliceReconciler.podsAwaitingNode(service, pods, nodes()))
        .extracting(p -> p.getMetadata().getName()).containsExactlyElementsOf(waiting);
  }
}
