package io.svclab.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.api.v1.ServiceSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OpenApiSchemasTest {
  /** Made-up documentation, so the test pins where the texts go, not what Kubernetes says. */
  private static TypeDoc docs(String definition) {
    return switch (definition) {
      case "io.k8s.api.core.v1.ServicePort" -> new TypeDoc("a port", Map.of("port", "the port", "targetPort", "target"),
          Set.of("port"));
      case "io.k8s.api.core.v1.ServiceSpec" -> new TypeDoc("a spec", Map.of("ports", "the ports"), Set.of());
      default -> TypeDoc.NONE;
    };
  }

  private static OpenApiSchemas schemas(OpenApiSchemas.Flavor flavor) {
    return new OpenApiSchemas(flavor, OpenApiSchemasTest::docs, d -> d.equals(Service.getDescriptor())
        ? Optional.of(new OpenApiSchemas.Gvk("", "v1", "Service")) : Optional.empty());
  }

  private static JsonObject property(Map<String, JsonObject> defs, String type, String field) {
    return defs.get(type).getAsJsonObject("properties").getAsJsonObject(field);
  }

  @Test
  void descriptionsAndRequiredFieldsComeFromTheDocs() {
    JsonObject port = schemas(OpenApiSchemas.Flavor.V3).schema(ServicePort.getDescriptor());
    assertThat(port.get("description").getAsString()).isEqualTo("a port");
    assertThat(port.getAsJsonObject("properties").getAsJsonObject("port")).isEqualTo(JsonParser.parseString(
        "{\"type\":\"integer\",\"format\":\"int32\",\"description\":\"the port\"}"));
    assertThat(port.getAsJsonObject("properties").getAsJsonObject("name").has("description")).isFalse();
    assertThat(port.get("required").toString()).isEqualTo("[\"port\"]");
  }

  @Test
  void v3ReferencesThroughAllOfAndV2Directly() {
    Map<String, JsonObject> v3 = schemas(OpenApiSchemas.Flavor.V3).definitions(List.of(Service.getDescriptor()));
    Map<String, JsonObject> v2 = schemas(OpenApiSchemas.Flavor.V2).definitions(List.of(Service.getDescriptor()));
    assertThat(property(v3, "io.k8s.api.core.v1.ServiceSpec", "ports")).isEqualTo(JsonParser.parseString(
        "{\"type\":\"array\",\"items\":{\"allOf\":[{\"$ref\":\"#/components/schemas/io.k8s.api.core.v1.ServicePort\"}],"
            + "\"default\":{}},\"x-kubernetes-patch-merge-key\":\"port\",\"x-kubernetes-patch-strategy\":\"merge\","
            + "\"description\":\"the ports\"}"));
    assertThat(property(v2, "io.k8s.api.core.v1.ServiceSpec", "ports")).isEqualTo(JsonParser.parseString(
        "{\"type\":\"array\",\"items\":{\"$ref\":\"#/definitions/io.k8s.api.core.v1.ServicePort\"},"
            + "\"x-kubernetes-patch-merge-key\":\"port\",\"x-kubernetes-patch-strategy\":\"merge\","
            + "\"description\":\"the ports\"}"));
    assertThat(property(v2, "io.k8s.api.core.v1.ServicePort", "targetPort")).isEqualTo(JsonParser.parseString(
        "{\"$ref\":\"#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString\",\"description\":\"target\"}"));
    assertThat(v2.get("io.k8s.apimachinery.pkg.util.intstr.IntOrString")).isEqualTo(JsonParser.parseString(
        "{\"format\":\"int-or-string\",\"type\":\"string\"}"));
  }

  @Test
  void onlyKindsCarryTheirGroupVersionKind() {
    Map<String, JsonObject> v2 = schemas(OpenApiSchemas.Flavor.V2).definitions(List.of(Service.getDescriptor()));
    assertThat(v2.get("io.k8s.api.core.v1.Service").get("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"\",\"kind\":\"Service\",\"version\":\"v1\"}]");
    assertThat(v2.get(KubeDefinitions.name(ServiceSpec.getDescriptor())).has("x-kubernetes-group-version-kind")).isFalse();
    assertThat(v2).containsKeys("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "io.k8s.api.core.v1.ServiceStatus");
  }
}
