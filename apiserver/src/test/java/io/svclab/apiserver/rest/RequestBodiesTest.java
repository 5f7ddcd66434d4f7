package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.svclab.apiserver.errors.ApiException;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestBodiesTest {
  static Stream<Arguments> kinds() {
    return Stream.of(
        arguments("same kind and version", ResourceKinds.SERVICES, "v1", "Service", null),
        arguments("both absent: defaulted from the URL", ResourceKinds.SERVICES, "", "", null),
        arguments("kind absent", ResourceKinds.DEPLOYMENTS, "apps/v1", "", null),
        arguments("lower-case kind is not registered", ResourceKinds.PODS, "v1", "pod",
            "pod in version \"v1\" cannot be handled as a Pod: no kind \"pod\" is registered for version \"v1\" in scheme "
                + "\"pkg/api/legacyscheme/scheme.go:30\""),
        arguments("kind in a group that does not have it", ResourceKinds.SERVICES, "apps/v1", "Service",
            "Service in version \"v1\" cannot be handled as a Service: no kind \"Service\" is registered for version "
                + "\"apps/v1\" in scheme \"pkg/api/legacyscheme/scheme.go:30\""),
        arguments("removed group version", ResourceKinds.DEPLOYMENTS, "extensions/v1beta1", "Deployment",
            "Deployment in version \"v1beta1\" cannot be handled as a Deployment: no kind \"Deployment\" is registered "
                + "for version \"extensions/v1beta1\" in scheme \"pkg/api/legacyscheme/scheme.go:30\""),
        arguments("another kind of the same group", ResourceKinds.SERVICES, "v1", "Pod",
            "Pod in version \"v1\" cannot be handled as a Service: converting (v1.Pod) to (core.Service): unknown "
                + "conversion"),
        arguments("another group's kind", ResourceKinds.SERVICES, "apps/v1", "Deployment",
            "Deployment in version \"v1\" cannot be handled as a Service: converting (v1.Deployment) to (core.Service): "
                + "unknown conversion"),
        arguments("a core kind sent to apps", ResourceKinds.DEPLOYMENTS, "v1", "Service",
            "Service in version \"v1\" cannot be handled as a Deployment: converting (v1.Service) to (apps.Deployment): "
                + "unknown conversion"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void kindAndVersionAsKubeApiserverDecodes(String name, ResourceKind<?> expected, String apiVersion, String kind,
      String message) {
    assertThat(RequestBodies.kindMismatch(expected, apiVersion, kind)).isEqualTo(Optional.ofNullable(message));
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        arguments("truncated JSON", "application/json", "{\"apiVersion\":\"v1\",",
            "the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse "
                + "error: unexpected end of JSON input ({\"apiVersion\":\"v1\",)"),
        arguments("a JSON array", "application/json", "[1]",
            "the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse "
                + "error: json: cannot unmarshal array into Go value of type struct { APIVersion string "
                + "\"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" } (5b315d)"),
        arguments("a long body is summarized in 30 bytes", "application/json", "{\"apiVersion\":\"v1\",\"kind\":\"Service\"",
            "the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse "
                + "error: unexpected end of JSON input ({\"apiVersion\":\"v1\",\"kind\":\"Ser ...)"),
        arguments("ends inside a string", "application/json", "{\"a\":\"b",
            "the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse "
                + "error: unexpected end of JSON input ({\"a\":\"b)"),
        arguments("YAML sent as JSON", "application/json", "apiVersion: v1",
            "the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse "
                + "error: invalid character 'a' looking for beginning of value (61706956657273696f6e3a207631)"),
        arguments("empty", "application/json", "",
            "the object provided is unrecognized (must be of type Service): couldn't get version/kind; json parse "
                + "error: unexpected end of JSON input (<empty>)"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedBodiesAreBadRequests(String name, String contentType, String body, String message) {
    assertThatThrownBy(() -> RequestBodies.parse(contentType, body.getBytes(StandardCharsets.UTF_8),
        ResourceKinds.SERVICES))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void malformedYamlNamesTheConversion() {
    assertThatThrownBy(() -> RequestBodies.parse("application/yaml", "a: b: c".getBytes(StandardCharsets.UTF_8),
        ResourceKinds.SERVICES))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage())
            .startsWith("the object provided is unrecognized (must be of type Service): error converting YAML to "
                + "JSON: yaml: ")
            .endsWith(" (613a20623a2063)"));
  }

  @Test
  void yamlAndJsonBodiesGiveTheSameTree() {
    assertThat(RequestBodies.parse("application/yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n"
        .getBytes(StandardCharsets.UTF_8), ResourceKinds.SERVICES))
        .isEqualTo(RequestBodies.parse("application/json", ("{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":"
            + "{\"name\":\"x\"}}").getBytes(StandardCharsets.UTF_8), ResourceKinds.SERVICES));
  }

  @Test
  void tooLargeIsKubernetesStatus() {
    assertThat(RequestBodies.tooLarge().toString()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
        + "\"status\":\"Failure\",\"message\":\"Request entity too large: limit is 3145728\","
        + "\"reason\":\"RequestEntityTooLarge\",\"code\":413}");
  }
}
