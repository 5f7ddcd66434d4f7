package io.svclab.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.openapi_v2.Document;
import org.openapi_v2.NamedSchema;
import org.openapi_v2.Operation;
import org.openapi_v2.Schema;

/** gnostic's mapping of Swagger 2.0 JSON, field by field, on a small document shaped as Kubernetes' is. */
class SwaggerProtobufTest {
  private static final JsonObject SWAGGER = JsonParser.parseString("""
      {"swagger":"2.0","info":{"title":"Kubernetes","version":"v1.32.0"},
       "paths":{"/api/v1/namespaces/{namespace}/services/{name}":{
         "parameters":[{"name":"name","in":"path","required":true,"type":"string","uniqueItems":true},
                       {"$ref":"#/parameters/namespace-vgWSWtn3"}],
         "patch":{"operationId":"patchCoreV1NamespacedService","consumes":["application/json-patch+json"],
           "parameters":[{"name":"body","in":"body","required":true,"schema":{"type":"object"}},
                         {"name":"force","in":"query","type":"boolean","uniqueItems":true}],
           "responses":{"200":{"description":"OK","schema":{"$ref":"#/definitions/io.k8s.api.core.v1.Service"}}},
           "x-kubernetes-action":"patch",
           "x-kubernetes-group-version-kind":{"group":"","kind":"Service","version":"v1"}}}},
       "definitions":{
         "io.k8s.api.core.v1.Service":{"description":"Service is a named abstraction","type":"object",
           "properties":{"spec":{"$ref":"#/definitions/io.k8s.api.core.v1.ServiceSpec"},
                         "additionalProperties":{"type":"string"}},
           "x-kubernetes-group-version-kind":[{"group":"","kind":"Service","version":"v1"}]},
         "io.k8s.api.core.v1.ServiceSpec":{"type":"object","required":["ports"],
           "properties":{"ports":{"type":"array","items":{"$ref":"#/definitions/io.k8s.api.core.v1.ServicePort"},
                                  "x-kubernetes-patch-merge-key":"port","x-kubernetes-patch-strategy":"merge"},
                         "selector":{"type":"object","additionalProperties":{"type":"string"}},
                         "publishNotReadyAddresses":{"type":"boolean","default":false}}}}}
      """).getAsJsonObject();

  private static Schema definition(Document doc, String name) {
    return doc.getDefinitions().getAdditionalPropertiesList().stream().filter(n -> n.getName().equals(name))
        .map(NamedSchema::getValue).findFirst().orElseThrow();
  }

  private static Schema property(Schema s, String name) {
    return s.getProperties().getAdditionalPropertiesList().stream().filter(n -> n.getName().equals(name))
        .map(NamedSchema::getValue).findFirst().orElseThrow();
  }

  @Test
  void definitionsAreNamedSchemasWithTypesReferencesAndVendorExtensionsAsYaml() {
    Document doc = SwaggerProtobuf.document(SWAGGER);
    assertThat(doc.getSwagger()).isEqualTo("2.0");
    assertThat(doc.getInfo().getVersion()).isEqualTo("v1.32.0");
    Schema service = definition(doc, "io.k8s.api.core.v1.Service");
    assertThat(service.getDescription()).isEqualTo("Service is a named abstraction");
    assertThat(service.getType().getValueList()).containsExactly("object");
    assertThat(property(service, "spec").getRef()).isEqualTo("#/definitions/io.k8s.api.core.v1.ServiceSpec");
    // a property named like a Schema field is still a property
    assertThat(property(service, "additionalProperties").getType().getValueList()).containsExactly("string");
    assertThat(service.getVendorExtensionList()).singleElement().satisfies(e -> {
      assertThat(e.getName()).isEqualTo("x-kubernetes-group-version-kind");
      assertThat(JsonParser.parseString(e.getValue().getYaml()))
          .isEqualTo(JsonParser.parseString("[{\"group\":\"\",\"kind\":\"Service\",\"version\":\"v1\"}]"));
    });
    Schema spec = definition(doc, "io.k8s.api.core.v1.ServiceSpec");
    assertThat(spec.getRequiredList()).containsExactly("ports");
    Schema ports = property(spec, "ports");
    assertThat(ports.getItems().getSchemaList()).singleElement()
        .satisfies(i -> assertThat(i.getRef()).isEqualTo("#/definitions/io.k8s.api.core.v1.ServicePort"));
    assertThat(ports.getVendorExtensionList()).extracting(e -> e.getName() + "=" + e.getValue().getYaml().trim())
        .containsExactly("x-kubernetes-patch-merge-key=\"port\"", "x-kubernetes-patch-strategy=\"merge\"");
    assertThat(property(spec, "selector").getAdditionalProperties().getSchema().getType().getValueList())
        .containsExactly("string");
    assertThat(property(spec, "publishNotReadyAddresses").getDefault().getYaml().trim()).isEqualTo("false");
  }

  @Test
  void pathsCarryOperationsWithParametersChosenByWhereTheyGoAndResponsesByCode() {
    Document doc = SwaggerProtobuf.document(SWAGGER);
    var item = doc.getPaths().getPath(0);
    assertThat(item.getName()).isEqualTo("/api/v1/namespaces/{namespace}/services/{name}");
    assertThat(item.getValue().getParameters(0).getParameter().getNonBodyParameter().getPathParameterSubSchema()
        .getName()).isEqualTo("name");
    assertThat(item.getValue().getParameters(1).getJsonReference().getRef()).isEqualTo("#/parameters/namespace-vgWSWtn3");
    Operation patch = item.getValue().getPatch();
    assertThat(patch.getOperationId()).isEqualTo("patchCoreV1NamespacedService");
    assertThat(patch.getConsumesList()).containsExactly("application/json-patch+json");
    assertThat(patch.getParameters(0).getParameter().getBodyParameter().getSchema().getType().getValueList())
        .containsExactly("object");
    assertThat(patch.getParameters(1).getParameter().getNonBodyParameter().getQueryParameterSubSchema().getType())
        .isEqualTo("boolean");
    assertThat(patch.getResponses().getResponseCode(0).getName()).isEqualTo("200");
    assertThat(patch.getResponses().getResponseCode(0).getValue().getResponse().getSchema().getSchema().getRef())
        .isEqualTo("#/definitions/io.k8s.api.core.v1.Service");
    assertThat(patch.getVendorExtensionList()).extracting(e -> e.getName())
        .containsExactly("x-kubernetes-action", "x-kubernetes-group-version-kind");
  }
}
