package io.svclab.cli.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** kubectl's CheckErr wording for each Kubernetes reason the apiserver maps to a gRPC code (see ApiException). */
class ServerErrorTest {
  static Stream<Arguments> cases() {
    String one = "Service \"bad\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767";
    return Stream.of(
        Arguments.of("NotFound", Status.Code.NOT_FOUND, "services \"web\" not found", "NotFound", List.of(),
            "Error from server (NotFound): services \"web\" not found"),
        Arguments.of("NotFound without ErrorInfo: reason from the gRPC code", Status.Code.NOT_FOUND,
            "deployments.apps \"x\" not found", null, List.of(), "Error from server (NotFound): deployments.apps \"x\" not found"),
        Arguments.of("AlreadyExists", Status.Code.ALREADY_EXISTS, "services \"web\" already exists", "AlreadyExists", List.of(),
            "Error from server (AlreadyExists): services \"web\" already exists"),
        Arguments.of("Invalid, one field: The <Kind> \"name\" is invalid: ...", Status.Code.INVALID_ARGUMENT, one, "Invalid",
            List.of("spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767"),
            "The " + one),
        Arguments.of("Invalid, several fields: one * line each", Status.Code.INVALID_ARGUMENT,
            "Service \"bad\" is invalid: [spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\", spec.ports: Required value]",
            "Invalid", List.of("spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\"", "spec.ports: Required value"),
            "The Service \"bad\" is invalid: \n* spec.type: Unsupported value: \"Foo\": supported values: \"ClusterIP\"\n* spec.ports: Required value"),
        Arguments.of("Conflict", Status.Code.ABORTED, "Operation cannot be fulfilled on services \"web\": the object has been modified",
            "Conflict", List.of(), "Error from server (Conflict): Operation cannot be fulfilled on services \"web\": the object has been modified"),
        Arguments.of("no lab running", Status.Code.UNAVAILABLE, "io exception", null, List.of(),
            "The connection to the server 127.0.0.1:6443 was refused - did you specify the right host or port?"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void speaksKubectl(String name, Status.Code code, String description, String reason, List<String> causes, String expected) {
    assertThat(ServerError.message(code, description, reason, causes, "127.0.0.1:6443")).isEqualTo(expected);
  }
}
