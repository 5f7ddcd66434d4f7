package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonParser;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusErrorsTest {
  static Stream<Arguments> statuses() {
    return Stream.of(
        arguments(named("not found", ApiException.notFound("services", "x")), 404,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"services \\\"x\\\" not found\",\"reason\":\"NotFound\",\"code\":404,"
                + "\"details\":{\"name\":\"x\",\"kind\":\"services\"}}"),
        arguments(named("already exists", ApiException.alreadyExists("services", "x")), 409,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"services \\\"x\\\" already exists\",\"reason\":\"AlreadyExists\",\"code\":409,"
                + "\"details\":{\"name\":\"x\",\"kind\":\"services\"}}"),
        arguments(named("invalid, with one cause per field", ApiException.invalid("Service", "bad", List.of(
            new Violation("spec.ports[0].nodePort", "spec.ports[0].nodePort: Invalid value: 80: provided port is not in "
                + "the valid range. The range of valid ports is 30000-32767"),
            new Violation("spec.type", "spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\"")))), 422,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + "\"Service \\\"bad\\\" is invalid: [spec.ports[0].nodePort: Invalid value: 80: provided port is not in "
                + "the valid range. The range of valid ports is 30000-32767, spec.type: Unsupported value: \\\"Foo\\\": "
                + "supported values: \\\"ClusterIP\\\"]\",\"reason\":\"Invalid\",\"code\":422,\"details\":{\"name\":\"bad\","
                + "\"kind\":\"Service\",\"causes\":[{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: 80: "
                + "provided port is not in the valid range. The range of valid ports is 30000-32767\",\"field\":"
                + "\"spec.ports[0].nodePort\"},{\"reason\":\"FieldValueNotSupported\",\"message\":\"Unsupported value: "
                + "\\\"Foo\\\": supported values: \\\"ClusterIP\\\"\",\"field\":\"spec.type\"}]}}"),
        arguments(named("invalid in a group names the group", ApiException.invalid("Deployment.apps", "d", List.of(
            new Violation("spec.replicas", "spec.replicas: Invalid value: -1: must be greater than or equal to 0")))), 422,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + "\"Deployment.apps \\\"d\\\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal "
                + "to 0\",\"reason\":\"Invalid\",\"code\":422,\"details\":{\"name\":\"d\",\"group\":\"apps\",\"kind\":"
                + "\"Deployment\",\"causes\":[{\"reason\":\"FieldValueInvalid\",\"message\":\"Invalid value: -1: must be "
                + "greater than or equal to 0\",\"field\":\"spec.replicas\"}]}}"),
        arguments(named("conflict", ApiException.conflict("services", "x")), 409, null),
        arguments(named("expired watch", ApiException.expired("too old resource version: 1 (5)")), 410,
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + "\"too old resource version: 1 (5)\",\"reason\":\"Expired\",\"code\":410}"),
        arguments(named("bad request", ApiException.badRequest("invalid resource version: x")), 400, null),
        arguments(named("forbidden", ApiException.forbidden("pods", "p", "unable to create")), 403, null),
        arguments(named("internal", ApiException.internal("boom")), 500, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statuses")
  void statusAsKubernetesSendsIt(ApiException e, int code, String json) {
    assertThat(StatusErrors.httpCode(e.reason())).isEqualTo(code);
    assertThat(StatusErrors.status(e).get("code").getAsInt()).isEqualTo(code);
    assertThat(StatusErrors.status(e).get("message").getAsString()).isEqualTo(e.getMessage());
    if (json != null) {
      assertThat(StatusErrors.status(e)).isEqualTo(JsonParser.parseString(json));
    }
  }
}
