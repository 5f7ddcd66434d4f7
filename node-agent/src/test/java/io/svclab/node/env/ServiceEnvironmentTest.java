package io.svclab.node.env;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceEnvironmentTest {
  static Service svc(String ns, String name, String ip, ServicePort... ports) {
    return Service.newBuilder().setMetadata(ObjectMeta.newBuilder().setNamespace(ns).setName(name))
        .setSpec(ServiceSpec.newBuilder().setClusterIp(ip).addAllPorts(List.of(ports))).build();
  }

  static ServicePort port(String name, int port, String protocol) {
    return ServicePort.newBuilder().setName(name).setPort(port).setProtocol(protocol).build();
  }

  static final Service KUBERNETES = svc("default", "kubernetes", "127.96.0.1", port("https", 443, "TCP"));
  static final Service BACKEND = svc("service-demo", "backend-service", "127.96.0.20", port("http", 80, "TCP"));
  static final Service HEADLESS = svc("service-demo", "db", "None", port("", 5432, "TCP"));
  static final Service OTHER_NS = svc("other", "web", "127.96.0.30", port("", 80, "TCP"));

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("same-namespace service, with docker links", "service-demo", true, Map.of(
            "BACKEND_SERVICE_SERVICE_HOST", "127.96.0.20", "BACKEND_SERVICE_SERVICE_PORT", "80",
            "BACKEND_SERVICE_SERVICE_PORT_HTTP", "80", "BACKEND_SERVICE_PORT", "tcp://127.96.0.20:80",
            "BACKEND_SERVICE_PORT_80_TCP", "tcp://127.96.0.20:80", "BACKEND_SERVICE_PORT_80_TCP_PROTO", "tcp",
            "BACKEND_SERVICE_PORT_80_TCP_PORT", "80", "BACKEND_SERVICE_PORT_80_TCP_ADDR", "127.96.0.20",
            "KUBERNETES_SERVICE_HOST", "127.96.0.1", "KUBERNETES_SERVICE_PORT", "443")),
        Arguments.of("enableServiceLinks false keeps only the master service", "service-demo", false, Map.of(
            "KUBERNETES_SERVICE_HOST", "127.96.0.1", "KUBERNETES_SERVICE_PORT_HTTPS", "443")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void injects(String name, String namespace, boolean links, Map<String, String> expected) {
    Map<String, String> env = ServiceEnvironment.forPod(List.of(KUBERNETES, BACKEND, HEADLESS, OTHER_NS), namespace, links);
    assertThat(env).containsAllEntriesOf(expected);
    assertThat(env.keySet()).noneMatch(k -> k.startsWith("DB_") || k.startsWith("WEB_"));
    if (!links) assertThat(env.keySet()).noneMatch(k -> k.startsWith("BACKEND"));
  }
}
