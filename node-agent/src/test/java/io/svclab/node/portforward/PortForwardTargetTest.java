package io.svclab.node.portforward;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PortForwardTargetTest {
  static Optional<Pod> pod(String ip) {
    return Optional.of(Pod.newBuilder().setMetadata(ObjectMeta.newBuilder().setName("echo").setNamespace("demo")
        .setUid("u1")).setStatus(PodStatus.newBuilder().setPodIp(ip)).build());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(Named.of("a running pod: its IP and the port", pod("127.244.1.5")), "8080",
            new PortForwardTarget.Dial("127.244.1.5", 8080, "u1")),
        Arguments.of(Named.of("no port", pod("127.244.1.5")), "",
            new PortForwardTarget.Refused(400, "\"port\" header is required")),
        Arguments.of(Named.of("not a number", pod("127.244.1.5")), "http",
            new PortForwardTarget.Refused(400,
                "unable to parse \"http\" as a port: strconv.ParseUint: parsing \"http\": invalid syntax")),
        Arguments.of(Named.of("above 65535", pod("127.244.1.5")), "70000",
            new PortForwardTarget.Refused(400,
                "unable to parse \"70000\" as a port: strconv.ParseUint: parsing \"70000\": value out of range")),
        Arguments.of(Named.of("negative", pod("127.244.1.5")), "-1",
            new PortForwardTarget.Refused(400,
                "unable to parse \"-1\" as a port: strconv.ParseUint: parsing \"-1\": invalid syntax")),
        Arguments.of(Named.of("zero", pod("127.244.1.5")), "0",
            new PortForwardTarget.Refused(400, "port \"0\" must be > 0")),
        Arguments.of(Named.of("a pod this node does not run", Optional.<Pod>empty()), "80",
            new PortForwardTarget.Refused(404, "pod not found (\"echo_demo\")")),
        Arguments.of(Named.of("a pod without an IP yet", pod("")), "80",
            new PortForwardTarget.Refused(500,
                "error forwarding port 80 to pod u1, uid : the pod has no IP address yet")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(Optional<Pod> pod, String port, PortForwardTarget.Decision expected) {
    assertThat(PortForwardTarget.decide(pod, "demo", "echo", port)).isEqualTo(expected);
  }

  @Test
  void aRefusedConnectionIsWordedAsKubeletAndGoWordIt() {
    PortForwardTarget.Dial d = new PortForwardTarget.Dial("127.244.1.5", 80, "u1");
    assertThat(PortForwardTarget.dialError(d, new ConnectException("Connection refused")))
        .isEqualTo("error forwarding port 80 to pod u1, uid : failed to connect to 127.244.1.5:80 inside the pod's"
            + " network: dial tcp4 127.244.1.5:80: connect: connection refused");
    assertThat(PortForwardTarget.dialError(d, new SocketTimeoutException("connect timed out")))
        .endsWith("dial tcp4 127.244.1.5:80: i/o timeout");
  }
}
