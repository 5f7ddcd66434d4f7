package io.svclab.apiserver.kubelet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.svclab.api.v1.Container;
import io.svclab.api.v1.DaemonEndpoint;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodeAddress;
import io.svclab.api.v1.NodeDaemonEndpoints;
import io.svclab.api.v1.NodeStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import io.svclab.apiserver.errors.ApiException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubeletLocationTest {
  static Pod pod(List<String> containers, List<String> init) {
    PodSpec.Builder spec = PodSpec.newBuilder();
    containers.forEach(c -> spec.addContainers(Container.newBuilder().setName(c)));
    init.forEach(c -> spec.addInitContainers(Container.newBuilder().setName(c)));
    return Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("web").setNamespace("default"))
        .setSpec(spec).build();
  }

  static Stream<Arguments> chosen() {
    return Stream.of(
        Arguments.of(Named.of("the only container", pod(List.of("nginx"), List.of())), "", "nginx"),
        Arguments.of(Named.of("the one named", pod(List.of("a", "b"), List.of())), "b", "b"),
        Arguments.of(Named.of("an init container by name", pod(List.of("a"), List.of("setup"))), "setup", "setup"));
  }

  @ParameterizedTest
  @MethodSource("chosen")
  void choosesTheContainer(Pod pod, String requested, String container) {
    assertThat(KubeletLocation.container(pod, requested)).isEqualTo(container);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(Named.of("two containers, none named", pod(List.of("a", "b"), List.of())), "",
            "a container name must be specified for pod web, choose one of: [a b]"),
        Arguments.of(Named.of("with init containers", pod(List.of("a", "b"), List.of("i"))), "",
            "a container name must be specified for pod web, choose one of: [a b] or one of the init containers: [i]"),
        Arguments.of(Named.of("unknown container", pod(List.of("a"), List.of())), "x",
            "container x is not valid for pod web"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void refusesAsKubernetes(Pod pod, String requested, String message) {
    assertThatThrownBy(() -> KubeletLocation.container(pod, requested)).isInstanceOf(ApiException.class)
        .hasMessage(message).extracting(e -> ((ApiException) e).reason()).isEqualTo("BadRequest");
  }

  static Node node(String ip, int port) {
    NodeStatus.Builder s = NodeStatus.newBuilder()
        .addAddresses(NodeAddress.newBuilder().setType("Hostname").setAddress("node-1"))
        .setDaemonEndpoints(NodeDaemonEndpoints.newBuilder().setKubeletEndpoint(DaemonEndpoint.newBuilder().setPort(port)));
    if (ip != null) {
      s.addAddresses(NodeAddress.newBuilder().setType("InternalIP").setAddress(ip));
    }
    return Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("node-1")).setStatus(s).build();
  }

  @Test
  void kubeletBaseIsInternalIpAndPublishedPort() {
    assertThat(KubeletLocation.kubeletBase(node("127.0.10.1", 10250))).isEqualTo("http://127.0.10.1:10250");
    assertThatThrownBy(() -> KubeletLocation.kubeletBase(node(null, 10250)))
        .hasMessage("node node-1 has no InternalIP address");
    assertThatThrownBy(() -> KubeletLocation.kubeletBase(node("127.0.10.1", 0)))
        .hasMessage("node node-1 does not publish a kubelet port");
    assertThat(KubeletLocation.path("containerLogs", pod(List.of("nginx"), List.of()), "nginx"))
        .isEqualTo("/containerLogs/default/web/nginx");
  }

  static Node withSocket(String annotation) {
    Node n = node("172.18.0.2", 10250);
    return n.toBuilder().setMetadata(n.getMetadata().toBuilder().putAnnotations(KubeletLocation.SOCKET_ANNOTATION,
        annotation)).build();
  }

  static Stream<Arguments> sockets() {
    return Stream.of(
        Arguments.of(Named.of("no annotation: the InternalIP is dialled", node("172.18.0.2", 10250)), Optional.empty()),
        Arguments.of(Named.of("a unix:// URL: its path is dialled", withSocket("unix:///tmp/lab/kubelet-node-1.sock")),
            Optional.of(Path.of("/tmp/lab/kubelet-node-1.sock"))));
  }

  @ParameterizedTest
  @MethodSource("sockets")
  void targetDialsTheAnnotatedSocketKeepingTheNodeUrl(Node node, Optional<Path> socket) {
    KubeletTarget t = KubeletLocation.target(node, "/exec/default/web/nginx?command=ls");
    assertThat(t.url()).hasToString("http://172.18.0.2:10250/exec/default/web/nginx?command=ls");
    assertThat(t.socket()).isEqualTo(socket);
    assertThat(t.withQuery("port=80").url()).hasToString("http://172.18.0.2:10250/exec/default/web/nginx?port=80");
  }

  static Stream<Arguments> badSockets() {
    return Stream.of(
        Arguments.of(Named.of("a bare path", "/tmp/kubelet.sock")),
        Arguments.of(Named.of("a relative unix URL", "unix://kubelet.sock")),
        Arguments.of(Named.of("another scheme", "tcp://127.0.0.1:10250")));
  }

  @ParameterizedTest
  @MethodSource("badSockets")
  void aSocketAnnotationThatIsNoAbsoluteUnixUrlIsRefused(String value) {
    assertThatThrownBy(() -> KubeletLocation.target(withSocket(value), "/containerLogs/default/web/nginx"))
        .isInstanceOf(ApiException.class)
        .hasMessage("node node-1 has an invalid svclab.io/kubelet-socket annotation " + value
            + ": want unix:///absolute/path");
  }
}
