package io.svclab.apiserver.rest.kubeproto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.kubernetes.client.proto.Runtime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies captured from kubectl v1.32 ({@code kubectl create ...} against a listener that saved them). */
class ProtobufBodiesTest {
  private static byte[] captured(String name) throws IOException {
    try (InputStream in = ProtobufBodiesTest.class.getResourceAsStream("/kubeproto/" + name + ".bin")) {
      return in.readAllBytes();
    }
  }

  @Test
  void kubectlCreateDeploymentIsTheDeploymentKubectlMeant() throws IOException {
    JsonObject json = ProtobufBodies.parse(captured("kubectl-create-deployment-web"), ResourceKinds.DEPLOYMENTS);

    assertThat(json.get("apiVersion").getAsString()).isEqualTo("apps/v1");
    assertThat(json.get("kind").getAsString()).isEqualTo("Deployment");
    JsonObject metadata = json.getAsJsonObject("metadata");
    assertThat(metadata.get("name").getAsString()).isEqualTo("web");
    assertThat(metadata.has("creationTimestamp")).as("Go's zero time is null, omitted").isFalse();
    assertThat(metadata.getAsJsonObject("labels")).isEqualTo(JsonParser.parseString("{\"app\":\"web\"}"));
    JsonObject spec = json.getAsJsonObject("spec");
    assertThat(spec.get("replicas").getAsInt()).isEqualTo(1);
    assertThat(spec.getAsJsonObject("selector").getAsJsonObject("matchLabels"))
        .isEqualTo(JsonParser.parseString("{\"app\":\"web\"}"));
    JsonObject container = spec.getAsJsonObject("template").getAsJsonObject("spec").getAsJsonArray("containers")
        .get(0).getAsJsonObject();
    assertThat(container.get("name").getAsString()).isEqualTo("nginx");
    assertThat(container.get("image").getAsString()).isEqualTo("nginx");
  }

  @Test
  void kubectlCreateServiceHasAnIntegerTargetPort() throws IOException {
    JsonObject json = ProtobufBodies.parse(captured("kubectl-create-service-clusterip-x"), ResourceKinds.SERVICES);

    JsonObject port = json.getAsJsonObject("spec").getAsJsonArray("ports").get(0).getAsJsonObject();
    assertThat(port).isEqualTo(JsonParser.parseString(
        "{\"name\":\"80-80\",\"protocol\":\"TCP\",\"port\":80,\"targetPort\":80,\"nodePort\":0}"));
    assertThat(json.getAsJsonObject("spec").get("type").getAsString()).isEqualTo("ClusterIP");
    assertThat(json.getAsJsonObject("spec").getAsJsonObject("selector"))
        .isEqualTo(JsonParser.parseString("{\"app\":\"x\"}"));
  }

  @Test
  void kubectlCreateNamespaceNamesIt() throws IOException {
    JsonObject json = ProtobufBodies.parse(captured("kubectl-create-namespace-n"), ResourceKinds.NAMESPACES);

    assertThat(json.get("kind").getAsString()).isEqualTo("Namespace");
    assertThat(json.getAsJsonObject("metadata").get("name").getAsString()).isEqualTo("n");
  }

  static Stream<Arguments> badEnvelopes() throws IOException {
    byte[] service = captured("kubectl-create-service-clusterip-x");
    byte[] noMagic = "{\"kind\":\"Service\"}".getBytes(StandardCharsets.UTF_8);
    byte[] truncated = java.util.Arrays.copyOf(service, 20);
    return Stream.of(
        arguments("empty body", new byte[0], ResourceKinds.SERVICES,
            "the object provided is unrecognized (must be of type Service): empty data (<empty>)"),
        arguments("JSON sent as protobuf: no magic", noMagic, ResourceKinds.SERVICES,
            "the object provided is unrecognized (must be of type Service): provided data does not appear to be a "
                + "protobuf message, expected prefix [107 56 115 0] ({\"kind\":\"Service\"})"),
        arguments("a Service posted to deployments", service, ResourceKinds.DEPLOYMENTS,
            "Service in version \"v1\" cannot be handled as a Deployment: converting (v1.Service) to "
                + "(apps.Deployment): unknown conversion"),
        arguments("cut short inside the envelope", truncated, ResourceKinds.SERVICES,
            "the object provided is unrecognized (must be of type Service): proto: "));
  }

  @Test
  void aKindWithoutKubernetesDescriptorsIsUnsupportedMediaType() throws IOException {
    Descriptor unknown = Runtime.getDescriptor().findMessageTypeByName("Unknown");
    Descriptor typeMeta = Runtime.getDescriptor().findMessageTypeByName("TypeMeta");
    byte[] envelope = DynamicMessage.newBuilder(unknown)
        .setField(unknown.findFieldByName("typeMeta"), DynamicMessage.newBuilder(typeMeta)
            .setField(typeMeta.findFieldByName("apiVersion"), "discovery.k8s.io/v1")
            .setField(typeMeta.findFieldByName("kind"), "EndpointSlice").build())
        .setField(unknown.findFieldByName("raw"), ByteString.EMPTY).build().toByteArray();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(KubeProtoEnvelope.MAGIC);
    body.write(envelope);

    assertThatThrownBy(() -> ProtobufBodies.parse(body.toByteArray(), ResourceKinds.ENDPOINT_SLICES))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.reason()).isEqualTo("UnsupportedMediaType");
          assertThat(e.getMessage()).isEqualTo("the body of the request was in an unknown format - accepted media "
              + "types include: application/json, application/yaml");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badEnvelopes")
  void badEnvelopesAreBadRequestsInKubernetesWords(String name, byte[] body, ResourceKind<?> kind, String message) {
    assertThatThrownBy(() -> ProtobufBodies.parse(body, kind))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).startsWith(message));
  }
}
