package io.svclab.client.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.ContainerState;
import io.svclab.api.v1.ContainerStateWaiting;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.LoadBalancerIngress;
import io.svclab.api.v1.LoadBalancerStatus;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import io.svclab.api.v1.ServiceStatus;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubectlTablesTest {
  static Service svc(String type, int nodePort, String lbIp) {
    ServiceSpec.Builder spec = ServiceSpec.newBuilder().setType(type)
        .addPorts(ServicePort.newBuilder().setPort(80).setProtocol("TCP").setNodePort(nodePort));
    Service.Builder b = Service.newBuilder().setSpec(spec);
    if (lbIp != null) {
      b.setStatus(ServiceStatus.newBuilder().setLoadBalancer(LoadBalancerStatus.newBuilder()
          .addIngress(LoadBalancerIngress.newBuilder().setIp(lbIp))));
    }
    return b.build();
  }

  static Stream<Arguments> services() {
    return Stream.of(
        Arguments.of("ClusterIP shows port/protocol and no external IP", svc("ClusterIP", 0, null), "80/TCP", "<none>"),
        Arguments.of("NodePort shows port:nodePort", svc("NodePort", 30080, null), "80:30080/TCP", "<none>"),
        Arguments.of("LoadBalancer without ingress is pending", svc("LoadBalancer", 31500, null), "80:31500/TCP", "<pending>"),
        Arguments.of("LoadBalancer with ingress shows its IP", svc("LoadBalancer", 31500, "127.100.0.1"), "80:31500/TCP", "127.100.0.1"),
        Arguments.of("ExternalName shows its target", Service.newBuilder().setSpec(ServiceSpec.newBuilder()
            .setType("ExternalName").setExternalName("my.database.example.com")).build(), "<none>", "my.database.example.com"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void serviceColumns(String name, Service s, String ports, String external) {
    assertThat(KubectlTables.ports(s)).isEqualTo(ports);
    assertThat(KubectlTables.externalIp(s)).isEqualTo(external);
  }

  static Stream<Arguments> durations() {
    return Stream.of(Arguments.of("seconds", 45, "45s"), Arguments.of("under two minutes", 119, "119s"),
        Arguments.of("minutes and seconds", 185, "3m5s"), Arguments.of("whole minutes", 600, "10m"),
        Arguments.of("hours and minutes", 3 * 3600 + 120, "3h2m"), Arguments.of("hours", 20 * 3600, "20h"),
        Arguments.of("days and hours", 3 * 86400 + 3600, "3d1h"), Arguments.of("days", 30 * 86400, "30d"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("durations")
  void ageLikeKubectl(String name, long seconds, String expected) {
    assertThat(HumanDuration.of(Duration.ofSeconds(seconds))).isEqualTo(expected);
  }

  static Stream<Arguments> podStatuses() {
    return Stream.of(
        Arguments.of("running pod shows its phase", Pod.newBuilder().setStatus(PodStatus.newBuilder().setPhase("Running")).build(), "Running"),
        Arguments.of("waiting container shows its reason", Pod.newBuilder().setStatus(PodStatus.newBuilder().setPhase("Pending")
            .addContainerStatuses(ContainerStatus.newBuilder().setState(ContainerState.newBuilder()
                .setWaiting(ContainerStateWaiting.newBuilder().setReason("ImagePullBackOff"))))).build(), "ImagePullBackOff"),
        Arguments.of("deleted pod is Terminating", Pod.newBuilder().setMetadata(ObjectMeta.newBuilder()
            .setDeletionTimestamp(com.google.protobuf.Timestamp.newBuilder().setSeconds(1)))
            .setStatus(PodStatus.newBuilder().setPhase("Running")).build(), "Terminating"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("podStatuses")
  void podStatusColumn(String name, Pod pod, String expected) {
    assertThat(KubectlTables.podStatus(pod)).isEqualTo(expected);
  }

  static Stream<Arguments> endpoints() {
    EndpointSubset.Builder four = EndpointSubset.newBuilder().addPorts(EndpointPort.newBuilder().setPort(80));
    for (int i = 1; i <= 4; i++) {
      four.addAddresses(EndpointAddress.newBuilder().setIp("127.244.1." + i));
    }
    return Stream.of(
        Arguments.of("no subsets is <none>", EndpointsObject.getDefaultInstance(), "<none>"),
        Arguments.of("ready addresses with their port", EndpointsObject.newBuilder().addSubsets(EndpointSubset.newBuilder()
            .addAddresses(EndpointAddress.newBuilder().setIp("127.244.1.2")).addAddresses(EndpointAddress.newBuilder().setIp("127.244.2.2"))
            .addPorts(EndpointPort.newBuilder().setPort(80))).build(), "127.244.1.2:80,127.244.2.2:80"),
        Arguments.of("not-ready addresses are not listed", EndpointsObject.newBuilder().addSubsets(EndpointSubset.newBuilder()
            .addNotReadyAddresses(EndpointAddress.newBuilder().setIp("127.244.1.2")).addPorts(EndpointPort.newBuilder().setPort(80))).build(), "<none>"),
        Arguments.of("more than three are summarised", EndpointsObject.newBuilder().addSubsets(four).build(),
            "127.244.1.1:80,127.244.1.2:80,127.244.1.3:80 + 1 more..."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("endpoints")
  void endpointsColumn(String name, EndpointsObject e, String expected) {
    assertThat(KubectlTables.endpointList(e)).isEqualTo(expected);
  }
}
