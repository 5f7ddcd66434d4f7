package io.svclab.client.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.ContainerStatus;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodSpec;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KubeJsonTest {
  static String resource(String name) throws IOException {
    try (InputStream in = KubeJsonTest.class.getResourceAsStream("/kubernetes/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void serviceAsKubernetesPrintsItDecodesFieldByFieldAndPrintsBackTheSame() throws IOException {
    String json = resource("service.json");
    KubeJson.Decoded<Service> d = KubeJson.decode(json, Service.getDefaultInstance());
    assertThat(d.unknownFields()).isEmpty();
    Service s = d.object();
    assertThat(s.getApiVersion()).isEqualTo("v1");
    assertThat(s.getMetadata().getName()).isEqualTo("my-service");
    assertThat(s.getMetadata().getCreationTimestamp().getSeconds()).isEqualTo(1704164645L);
    assertThat(s.getMetadata().getLabelsMap()).containsEntry("app.kubernetes.io/name", "MyApp");
    assertThat(s.getSpec().getType()).isEqualTo("LoadBalancer");
    assertThat(s.getSpec().getPorts(0).getTargetPort()).isEqualTo(IntOrString.newBuilder().setNumber(9376).build());
    assertThat(s.getSpec().getPorts(1).getTargetPort()).isEqualTo(IntOrString.newBuilder().setName("metrics").build());
    assertThat(s.getSpec().getPorts(0).getNodePort()).isEqualTo(30007);
    assertThat(s.getSpec().getClusterIpsList()).containsExactly("10.0.171.239");
    assertThat(s.getSpec().getAllocateLoadBalancerNodePorts()).isTrue();
    assertThat(s.getStatus().getLoadBalancer().getIngress(0).getIpMode()).isEqualTo("VIP");
    assertThat(KubeJson.encode(s)).isEqualTo(JsonParser.parseString(json));
  }

  @Test
  void podAsKubernetesPrintsItDecodesFieldByFieldAndPrintsBackTheSame() throws IOException {
    String json = resource("pod.json");
    KubeJson.Decoded<Pod> d = KubeJson.decode(json, Pod.getDefaultInstance());
    assertThat(d.unknownFields()).isEmpty();
    Pod p = d.object();
    assertThat(p.getMetadata().getOwnerReferences(0).getController()).isTrue();
    assertThat(p.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(30L);
    assertThat(p.getSpec().getTolerations(0).getTolerationSeconds()).isEqualTo(300L);
    assertThat(p.getSpec().getContainers(0).getReadinessProbe().getHttpGet().getPort().getName()).isEqualTo("http");
    assertThat(p.getSpec().getContainers(0).getResources().getLimitsMap()).containsEntry("memory", "128Mi");
    assertThat(p.getStatus().getContainerStatuses(0).getState().getRunning().getStartedAt().getSeconds())
        .isEqualTo(1704164647L);
    assertThat(p.getStatus().getContainerStatuses(0).hasLastState()).as("lastState: {} is kept").isTrue();
    assertThat(p.getStatus().getContainerStatuses(0).getRestartCount()).isZero();
    assertThat(KubeJson.encode(p)).isEqualTo(JsonParser.parseString(json));
  }

  static Stream<Arguments> printed() {
    Timestamp t = Timestamp.newBuilder().setSeconds(1704164645L).build();
    Timestamp micro = Timestamp.newBuilder().setSeconds(1704164645L).setNanos(123_456_000).build();
    return Stream.of(
        arguments(named("int64 is a JSON number, not a string", PodSpec.newBuilder().setTerminationGracePeriodSeconds(30)
            .build()), "{\"terminationGracePeriodSeconds\":30}"),
        arguments(named("int-or-string number", ServicePort.newBuilder().setPort(80)
            .setTargetPort(IntOrString.newBuilder().setNumber(8080)).build()), "{\"port\":80,\"targetPort\":8080}"),
        arguments(named("int-or-string name", ServicePort.newBuilder().setPort(80)
            .setTargetPort(IntOrString.newBuilder().setName("http")).build()), "{\"port\":80,\"targetPort\":\"http\"}"),
        arguments(named("times to the second, UTC, Z", ObjectMeta.newBuilder().setCreationTimestamp(t).build()),
            "{\"creationTimestamp\":\"2024-01-02T03:04:05Z\"}"),
        arguments(named("MicroTime keeps microseconds", Event.newBuilder().setEventTime(micro).build()),
            "{\"eventTime\":\"2024-01-02T03:04:05.123456Z\"}"),
        arguments(named("zero values without presence are omitted (omitempty)", ServiceSpec.newBuilder()
            .setType("").setPublishNotReadyAddresses(false).build()), "{}"),
        arguments(named("optional fields print when set, even false", ServiceSpec.newBuilder()
            .setAllocateLoadBalancerNodePorts(false).build()), "{\"allocateLoadBalancerNodePorts\":false}"),
        arguments(named("fields without omitempty print their zero", ContainerStatus.newBuilder().setName("c").build()),
            "{\"name\":\"c\",\"ready\":false,\"restartCount\":0}"),
        arguments(named("map keys sorted as Go prints them", ObjectMeta.newBuilder().putLabels("b", "2")
            .putLabels("a", "1").build()), "{\"labels\":{\"a\":\"1\",\"b\":\"2\"}}"));
  }

  @Test
  void secondPrecisionDropsTheFraction() {
    Timestamp t = Timestamp.newBuilder().setSeconds(1704164645L).setNanos(999_000_000).build();
    assertThat(KubeJson.formatTime(t, false)).isEqualTo("2024-01-02T03:04:05Z");
    assertThat(KubeJson.formatTime(t, true)).isEqualTo("2024-01-02T03:04:05.999000Z");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("printed")
  void printsAsKubernetes(Message m, String expected) {
    assertThat(KubeJson.print(m)).isEqualTo(expected);
    assertThat(KubeJson.decode(expected, m.getDefaultInstanceForType()).object()).isEqualTo(m);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        arguments(named("string for an int32", "{\"spec\":{\"ports\":[{\"port\":\"80\"}]}}"),
            "json: cannot unmarshal string into Go struct field ServicePort.spec.ports[0].port of type int32"),
        arguments(named("fraction for an int32", "{\"spec\":{\"ports\":[{\"port\":80.5}]}}"),
            "json: cannot unmarshal number 80.5 into Go struct field ServicePort.spec.ports[0].port of type int32"),
        arguments(named("object for a list", "{\"spec\":{\"ports\":{}}}"),
            "json: cannot unmarshal object into Go struct field ServiceSpec.spec.ports of type []ServicePort"),
        arguments(named("not RFC 3339", "{\"metadata\":{\"creationTimestamp\":\"yesterday\"}}"),
            "parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse as RFC 3339"),
        arguments(named("not JSON", "{\"metadata\":"), null),
        arguments(named("not an object", "[]"), "json: cannot unmarshal array into Go value of type Service"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refused")
  void refusesBadBodiesInGoWords(String json, String message) {
    var thrown = assertThatThrownBy(() -> KubeJson.decode(json, Service.getDefaultInstance()))
        .isInstanceOf(KubeJsonException.class);
    if (message != null) {
      thrown.hasMessage(message);
    } else {
      thrown.hasMessageStartingWith("invalid JSON: ");
    }
  }

  @Test
  void unknownFieldsAreNamedWithTheirPathAndDropped() {
    KubeJson.Decoded<Service> d = KubeJson.decode("{\"spec\":{\"colour\":1,\"ports\":[{\"port\":80},{\"port\":81,"
        + "\"shape\":\"round\"}]},\"extra\":{}}", Service.getDefaultInstance());
    assertThat(d.unknownFields()).containsExactly("spec.colour", "spec.ports[1].shape", "extra");
    assertThat(d.object().getSpec().getPortsList()).extracting(ServicePort::getPort).containsExactly(80, 81);
  }

  @Test
  void nullsAreAbsent() {
    JsonObject o = JsonParser.parseString("{\"metadata\":{\"name\":\"x\",\"labels\":null,\"creationTimestamp\":null}}")
        .getAsJsonObject();
    Service s = KubeJson.decode(o, Service.getDefaultInstance()).object();
    assertThat(s.getMetadata().getName()).isEqualTo("x");
    assertThat(s.getMetadata().hasCreationTimestamp()).isFalse();
  }
}
