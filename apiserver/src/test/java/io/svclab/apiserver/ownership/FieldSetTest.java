package io.svclab.apiserver.ownership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.svclab.api.v1.Service;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSetTest {
  private static JsonObject json(String s) {
    return JsonParser.parseString(s.replace('\'', '"')).getAsJsonObject();
  }

  private static final PathElement.Key PORT_80 = new PathElement.Key(Map.of(
      "protocol", new JsonPrimitive("TCP"), "port", new JsonPrimitive(80)));

  static Stream<Arguments> printed() {
    return Stream.of(
        arguments("a field", FieldPath.fields("spec", "type"), ".spec.type"),
        arguments("a list-map element's field, keys sorted",
            FieldPath.fields("spec", "ports").child(PORT_80).child(new PathElement.Field("targetPort")),
            ".spec.ports[port=80,protocol=\"TCP\"].targetPort"),
        arguments("a set member", FieldPath.fields("metadata", "finalizers").child(new PathElement.Value(
            new JsonPrimitive("a"))), ".metadata.finalizers[=\"a\"]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("printed")
  void pathsPrintAsStructuredMergeDiff(String name, FieldPath path, String expected) {
    assertThat(path.toString()).isEqualTo(expected);
  }

  static Stream<Arguments> fieldsV1() {
    return Stream.of(
        arguments("leaves are empty objects", List.of(FieldPath.fields("spec", "type")), "{'f:spec':{'f:type':{}}}"),
        arguments("a member with children carries '.' first",
            List.of(FieldPath.fields("spec", "ports"), FieldPath.fields("spec", "ports").child(PORT_80),
                FieldPath.fields("spec", "ports").child(PORT_80).child(new PathElement.Field("port"))),
            "{'f:spec':{'f:ports':{'.':{},'k:{\\'port\\':80,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:port':{}}}}}"),
        arguments("fields sorted by name before keys",
            List.of(FieldPath.fields("spec", "type"), FieldPath.fields("spec", "selector"),
                FieldPath.fields("metadata", "labels", "app")),
            "{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:selector':{},'f:type':{}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fieldsV1")
  void fieldsV1RoundTrips(String name, List<FieldPath> paths, String expected) {
    JsonObject v1 = FieldSet.of(paths).toFieldsV1();
    assertThat(v1.toString()).isEqualTo(json(expected).toString());
    assertThat(FieldSet.fromFieldsV1(v1)).isEqualTo(FieldSet.of(paths));
  }

  static Stream<Arguments> appliedSets() {
    return Stream.of(
        arguments("leaves and list-map elements, protocol defaulted into the key",
            "{'apiVersion':'v1','kind':'Service','metadata':{'name':'s','labels':{'app':'x'}},"
                + "'spec':{'selector':{'app':'x'},'ports':[{'port':80,'targetPort':8080}]}}",
            "{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:ports':{'k:{\\'port\\':80,\\'protocol\\':\\'TCP\\'}':"
                + "{'.':{},'f:port':{},'f:targetPort':{}}},'f:selector':{}}}"),
        arguments("the same port over UDP and TCP are two elements",
            "{'spec':{'ports':[{'port':53,'protocol':'UDP'},{'port':53,'protocol':'TCP'}]}}",
            "{'f:spec':{'f:ports':{'k:{\\'port\\':53,\\'protocol\\':\\'TCP\\'}':{'.':{},'f:port':{},'f:protocol':{}},"
                + "'k:{\\'port\\':53,\\'protocol\\':\\'UDP\\'}':{'.':{},'f:port':{},'f:protocol':{}}}}}"),
        arguments("server metadata and status are nobody's",
            "{'metadata':{'name':'s','uid':'u','resourceVersion':'3'},'status':{'loadBalancer':{}},"
                + "'spec':{'type':'NodePort'}}",
            "{'f:spec':{'f:type':{}}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("appliedSets")
  void anApplierOwnsWhatItsConfigurationSets(String name, String config, String expected) {
    assertThat(ObjectFields.applied(json(config), Service.getDescriptor()).toFieldsV1().toString())
        .isEqualTo(json(expected).toString());
  }
}
