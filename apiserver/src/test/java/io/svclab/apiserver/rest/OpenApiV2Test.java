package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OpenApiV2Test {
  static Stream<Arguments> accepts() {
    return Stream.of(
        arguments(named("no Accept header", ""), true),
        arguments(named("JSON", "application/json"), true),
        arguments(named("anything", "*/*"), true),
        arguments(named("client-go's protobuf only", OpenApiV2.PROTOBUF), false),
        arguments(named("protobuf, else JSON", OpenApiV2.PROTOBUF + ", application/json;q=0.9"), true),
        arguments(named("YAML only", "application/yaml"), false));
  }

  @ParameterizedTest
  @MethodSource("accepts")
  void answersJsonWhenTheClientTakesIt(String accept, boolean json) {
    assertThat(OpenApiV2.acceptsJson(accept)).isEqualTo(json);
  }

  static Stream<Arguments> protobufPreferred() {
    return Stream.of(
        arguments(named("client-go's protobuf only", OpenApiV2.PROTOBUF), true),
        arguments(named("kube-openapi's newer name", OpenApiV2.PROTOBUF_CONTENT_TYPE), true),
        arguments(named("protobuf, else JSON", OpenApiV2.PROTOBUF + ", application/json;q=0.9"), true),
        arguments(named("JSON, else protobuf", "application/json, " + OpenApiV2.PROTOBUF), false),
        arguments(named("anything", "*/*"), false),
        arguments(named("no Accept header", ""), false));
  }

  @ParameterizedTest
  @MethodSource("protobufPreferred")
  void answersProtobufWhenItIsTheFirstTypeServedThatTheClientTakes(String accept, boolean protobuf) {
    assertThat(OpenApiV2.prefersProtobuf(accept)).isEqualTo(protobuf);
  }

  /** The protobuf answer is the JSON document, read back by gnostic's message as client-go reads it. */
  @Test
  void theProtobufFormCarriesTheSameDefinitions() throws Exception {
    org.openapi_v2.Document doc = org.openapi_v2.Document.parseFrom(OpenApiV2.protobuf());
    JsonObject json = OpenApiV2.document();
    assertThat(doc.getSwagger()).isEqualTo("2.0");
    assertThat(doc.getDefinitions().getAdditionalPropertiesList()).extracting(org.openapi_v2.NamedSchema::getName)
        .containsExactlyElementsOf(json.getAsJsonObject("definitions").keySet());
    assertThat(doc.getPaths().getPathList()).extracting(org.openapi_v2.NamedPathItem::getName)
        .containsExactlyElementsOf(json.getAsJsonObject("paths").keySet());
  }

  @Test
  void theDocumentDefinesEveryKindWithItsGroupVersionKind() {
    JsonObject doc = OpenApiV2.document();
    assertThat(doc.get("swagger").getAsString()).isEqualTo("2.0");
    JsonObject service = doc.getAsJsonObject("definitions").getAsJsonObject("io.k8s.api.core.v1.Service");
    assertThat(service.get("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"\",\"kind\":\"Service\",\"version\":\"v1\"}]");
    assertThat(service.get("description").getAsString()).startsWith("Service is a named abstraction");
    assertThat(doc.getAsJsonObject("definitions").has("io.k8s.api.apps.v1.Deployment")).isTrue();
    assertThat(doc.getAsJsonObject("paths").getAsJsonObject("/api/v1/namespaces/{namespace}/services/{name}")
        .getAsJsonObject("patch").get("x-kubernetes-action").getAsString()).isEqualTo("patch");
  }
}
