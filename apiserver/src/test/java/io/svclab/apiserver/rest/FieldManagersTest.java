package io.svclab.apiserver.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.ownership.Conflict;
import io.svclab.apiserver.ownership.FieldPath;
import io.svclab.apiserver.ownership.PathElement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldManagersTest {
  private static RestRequest request(Map<String, List<String>> query, String userAgent) {
    return new RestRequest("PATCH", "/api/v1/namespaces/default/services/s", query, "", "", "", userAgent, new byte[0]);
  }

  static Stream<Arguments> updaters() {
    return Stream.of(
        arguments("fieldManager wins", Map.of("fieldManager", List.of("kubectl-edit")), "kubectl/v1.32.4 (linux)",
            "kubectl-edit"),
        arguments("else the User-Agent up to its first slash", Map.of(), "kubectl/v1.32.4 (linux/amd64) kubernetes/x",
            "kubectl"),
        arguments("a User-Agent without a slash whole", Map.of(), "curl", "curl"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updaters")
  void theUpdaterIsNamedAsKubeApiserverNamesIt(String name, Map<String, List<String>> query, String agent,
      String manager) {
    assertThat(FieldManagers.updater(request(query, agent), "PatchOptions")).isEqualTo(manager);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        arguments("apply without fieldManager", Map.of(),
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"),
        arguments("a fieldManager over 128 bytes", Map.of("fieldManager", List.of("m".repeat(129))),
            "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Too long: may not be more than 128 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void anApplierNeedsAFieldManager(String name, Map<String, List<String>> query, String message) {
    assertThatThrownBy(() -> FieldManagers.applier(request(query, "kubectl/v1.32.4"))).isInstanceOfSatisfying(
        ApiException.class, e -> {
          assertThat(e.reason()).isEqualTo("Invalid");
          assertThat(e.getMessage()).isEqualTo(message);
        });
  }

  @Test
  void forceOnAnotherPatchIsForbidden() {
    assertThatThrownBy(() -> FieldManagers.requireNoForce(request(Map.of("force", List.of("true")), "")))
        .hasMessage("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
  }

  @Test
  void aConflictIsA409WithOneFieldManagerConflictCausePerField() {
    FieldPath targetPort = FieldPath.fields("spec", "ports")
        .child(PathElement.parse("k:{\"port\":80,\"protocol\":\"TCP\"}")).child(new PathElement.Field("targetPort"));
    ApiException e = FieldManagers.conflict(List.of(new Conflict("\"kubectl-client-side-apply\" using v1", targetPort)));
    JsonObject status = StatusErrors.status(e);
    assertThat(status).isEqualTo(JsonParser.parseString("""
        {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
         "message":"Apply failed with 1 conflict: conflict with \\"kubectl-client-side-apply\\" using v1: .spec.ports[port=80,protocol=\\"TCP\\"].targetPort",
         "reason":"Conflict","code":409,
         "details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \\"kubectl-client-side-apply\\" using v1",
           "field":".spec.ports[port=80,protocol=\\"TCP\\"].targetPort"}]}}
        """));
  }
}
