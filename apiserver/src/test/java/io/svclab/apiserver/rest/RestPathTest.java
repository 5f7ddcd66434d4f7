package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.client.resource.ResourceKinds;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RestPathTest {
  static Stream<Arguments> paths() {
    return Stream.of(
        arguments(named("version", "/version"), new RestPath.Document("version", null)),
        arguments(named("readyz with a check", "/readyz/ping"), new RestPath.Document("readyz", null)),
        arguments(named("core versions", "/api"), new RestPath.Document("api", null)),
        arguments(named("core resources", "/api/v1"), new RestPath.Document("resources", "v1")),
        arguments(named("group list", "/apis/"), new RestPath.Document("apis", null)),
        arguments(named("one group", "/apis/apps"), new RestPath.Document("group", "apps")),
        arguments(named("group resources", "/apis/discovery.k8s.io/v1"),
            new RestPath.Document("resources", "discovery.k8s.io/v1")),
        arguments(named("openapi v3 of a group", "/openapi/v3/apis/apps/v1"),
            new RestPath.Document("openapi/v3/gv", "apis/apps/v1")),
        arguments(named("services in every namespace", "/api/v1/services"),
            new RestPath.Resource(ResourceKinds.SERVICES, null, null, null)),
        arguments(named("services in a namespace", "/api/v1/namespaces/default/services"),
            new RestPath.Resource(ResourceKinds.SERVICES, "default", null, null)),
        arguments(named("one service", "/api/v1/namespaces/default/services/web"),
            new RestPath.Resource(ResourceKinds.SERVICES, "default", "web", null)),
        arguments(named("a service's status", "/api/v1/namespaces/default/services/web/status"),
            new RestPath.Resource(ResourceKinds.SERVICES, "default", "web", "status")),
        arguments(named("the namespace itself", "/api/v1/namespaces/default"),
            new RestPath.Resource(ResourceKinds.NAMESPACES, null, "default", null)),
        arguments(named("a namespace's status", "/api/v1/namespaces/default/status"),
            new RestPath.Resource(ResourceKinds.NAMESPACES, null, "default", "status")),
        arguments(named("a node (cluster-scoped)", "/api/v1/nodes/node-1"),
            new RestPath.Resource(ResourceKinds.NODES, null, "node-1", null)),
        arguments(named("deployments in a group", "/apis/apps/v1/namespaces/ns1/deployments/web/scale"),
            new RestPath.Resource(ResourceKinds.DEPLOYMENTS, "ns1", "web", "scale")),
        arguments(named("events.k8s.io resources", "/apis/events.k8s.io/v1"),
            new RestPath.Document("resources", "events.k8s.io/v1")),
        arguments(named("events.k8s.io Events in a namespace", "/apis/events.k8s.io/v1/namespaces/demo/events"),
            new RestPath.EventsV1(new RestPath.Resource(ResourceKinds.EVENTS, "demo", null, null))),
        arguments(named("one events.k8s.io Event", "/apis/events.k8s.io/v1/namespaces/demo/events/web.1"),
            new RestPath.EventsV1(new RestPath.Resource(ResourceKinds.EVENTS, "demo", "web.1", null))),
        arguments(named("events.k8s.io Events everywhere", "/apis/events.k8s.io/v1/events"),
            new RestPath.EventsV1(new RestPath.Resource(ResourceKinds.EVENTS, null, null, null))),
        arguments(named("another kind under events.k8s.io", "/apis/events.k8s.io/v1/namespaces/demo/pods"),
            new RestPath.Unknown("/apis/events.k8s.io/v1/namespaces/demo/pods")),
        arguments(named("a kind in the wrong group", "/api/v1/deployments"), new RestPath.Unknown("/api/v1/deployments")),
        arguments(named("an unserved group", "/apis/batch/v1/jobs"), new RestPath.Unknown("/apis/batch/v1/jobs")),
        arguments(named("an unknown kind", "/api/v1/configmaps"), new RestPath.Unknown("/api/v1/configmaps")),
        arguments(named("nothing", "/metrics"), new RestPath.Unknown("/metrics")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("paths")
  void namesWhatTheUrlAddresses(String path, RestPath expected) {
    assertThat(RestPath.parse(path)).isEqualTo(expected);
  }
}
