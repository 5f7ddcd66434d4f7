package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl's {@code apply --server-side} against the apiserver: create, a re-apply that
 * changes nothing (same resourceVersion), a change, a conflict with a field client-side apply set
 * (kubectl's own conflict message), {@code --force-conflicts}, pruning of what the applier stopped
 * applying, and {@code --show-managed-fields}; managedFields of updates as Kubernetes records them
 * (declared defaults owned by the creator, status writes under their subresource, gRPC writes under
 * the component's name, resets). Each test uses its own objects.
 */
class KubectlServerSideApplyTest {
  @TempDir static Path dir;
  private static KubectlCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = KubectlCluster.start(dir, false);
    kubectl = cluster.kubectl(Files.createDirectories(dir.resolve("work")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static String service(String name, int targetPort, String extraLabel) {
    return """
        apiVersion: v1
        kind: Service
        metadata:
          name: %s
          labels:
            app: %s
        %s
        spec:
          selector:
            app: %s
          ports:
          - port: 80
            targetPort: %d
        """.formatted(name, name, extraLabel.isEmpty() ? "" : "    " + extraLabel, name, targetPort);
  }

  @Test
  void applyCreatesReappliesUnchangedAndAppliesAChange() throws Exception {
    kubectl.write("ssa.yaml", service("ssa", 8080, "tier: web"));
    assertThat(kubectl.ok("apply", "--server-side", "-f", "ssa.yaml").stdout())
        .isEqualTo("service/ssa serverside-applied\n");
    String created = kubectl.jsonpath("svc/ssa", "{.metadata.resourceVersion}");

    assertThat(kubectl.ok("apply", "--server-side", "-f", "ssa.yaml").stdout())
        .isEqualTo("service/ssa serverside-applied\n");
    assertThat(kubectl.jsonpath("svc/ssa", "{.metadata.resourceVersion}")).isEqualTo(created);

    kubectl.write("ssa.yaml", service("ssa", 8081, ""));
    assertThat(kubectl.ok("apply", "--server-side", "-f", "ssa.yaml").stdout())
        .isEqualTo("service/ssa serverside-applied\n");
    assertThat(kubectl.jsonpath("svc/ssa", "{.metadata.resourceVersion}")).isNotEqualTo(created);
    assertThat(kubectl.jsonpath("svc/ssa", "{.spec.ports[0].targetPort}")).isEqualTo("8081");
    // the label this manager no longer applies, and nobody else owns, is gone; the one it applies stays
    assertThat(kubectl.jsonpath("svc/ssa", "{.metadata.labels}")).isEqualTo("{\"app\":\"ssa\"}");
    // the allocated ClusterIP nobody applied is kept
    assertThat(kubectl.jsonpath("svc/ssa", "{.spec.clusterIP}")).isNotEmpty();
  }

  @Test
  void aFieldAnotherManagerSetIsAConflictUntilForced() throws Exception {
    kubectl.write("csa.yaml", service("csa", 80, ""));
    assertThat(kubectl.ok("apply", "-f", "csa.yaml").stdout()).isEqualTo("service/csa created\n");
    assertThat(kubectl.ok("get", "svc", "csa", "-o", "yaml", "--show-managed-fields").stdout())
        .contains("managedFields:", "manager: kubectl-client-side-apply", "operation: Update", "fieldsType: FieldsV1",
            "k:{\"port\":80,\"protocol\":\"TCP\"}:");
    assertThat(kubectl.ok("get", "svc", "csa", "-o", "yaml").stdout()).doesNotContain("managedFields");

    kubectl.write("csa-ssa.yaml", service("csa", 9090, ""));
    Kubectl.Result refused = kubectl.run("apply", "--server-side", "-f", "csa-ssa.yaml");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr()).startsWith("error: Apply failed with 1 conflict: conflict with "
        + "\"kubectl-client-side-apply\" using v1: .spec.ports[port=80,protocol=\"TCP\"].targetPort\n"
        + "Please review the fields above--they currently have other managers.");
    assertThat(kubectl.jsonpath("svc/csa", "{.spec.ports[0].targetPort}")).isEqualTo("80");

    // forced; kubectl then migrates the client-side-apply entry to its own (csaupgrade), as against Kubernetes
    assertThat(kubectl.ok("apply", "--server-side", "--force-conflicts", "-f", "csa-ssa.yaml").stdout())
        .isEqualTo("service/csa serverside-applied\n");
    assertThat(kubectl.jsonpath("svc/csa", "{.spec.ports[0].targetPort}")).isEqualTo("9090");
    assertThat(portFields(managed("csa"), "kubectl")).containsKey("f:targetPort");
    assertThat(kubectl.ok("get", "svc", "csa", "-o", "yaml", "--show-managed-fields").stdout())
        .contains("manager: kubectl\n", "operation: Apply", "manager: kubectl-last-applied")
        .doesNotContain("kubectl-client-side-apply");

    // an updater's field: kubectl patch's manager owns targetPort until an apply forces it away
    kubectl.ok("patch", "svc", "csa", "-p", "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":7070}]}}");
    assertThat(portFields(managed("csa"), "kubectl-patch")).containsKey("f:targetPort");
    assertThat(portFields(managed("csa"), "kubectl")).doesNotContainKey("f:targetPort");
    assertThat(kubectl.run("apply", "--server-side", "-f", "csa-ssa.yaml").stderr())
        .startsWith("error: Apply failed with 1 conflict: conflict with \"kubectl-patch\" using v1: "
            + ".spec.ports[port=80,protocol=\"TCP\"].targetPort\n");
    kubectl.ok("apply", "--server-side", "--force-conflicts", "-f", "csa-ssa.yaml");
    assertThat(kubectl.jsonpath("svc/csa", "{.spec.ports[0].targetPort}")).isEqualTo("9090");
    assertThat(portFields(managed("csa"), "kubectl")).containsKey("f:targetPort");
    assertThat(portFields(managed("csa"), "kubectl-patch")).doesNotContainKey("f:targetPort");
  }

  private static JsonObject managed(String service) throws Exception {
    return JsonParser.parseString(kubectl.ok("get", "svc", service, "-o", "json", "--show-managed-fields").stdout())
        .getAsJsonObject();
  }

  /** What {@code manager} owns of port 80/TCP, from its managedFields entry (nothing when it has none). */
  private static java.util.Map<String, JsonElement> portFields(JsonObject svc, String manager) {
    for (JsonElement e : svc.getAsJsonObject("metadata").getAsJsonArray("managedFields")) {
      JsonObject entry = e.getAsJsonObject();
      if (entry.get("manager").getAsString().equals(manager)) {
        JsonObject spec = entry.getAsJsonObject("fieldsV1").getAsJsonObject("f:spec");
        JsonObject ports = spec == null ? null : spec.getAsJsonObject("f:ports");
        JsonObject port = ports == null ? null : ports.getAsJsonObject("k:{\"port\":80,\"protocol\":\"TCP\"}");
        return port == null ? java.util.Map.of() : port.asMap();
      }
    }
    return java.util.Map.of();
  }

  /** The managedFields entry of {@code manager} (and {@code subresource}, "" for the object itself), or null. */
  private static JsonObject entry(JsonObject obj, String manager, String subresource) {
    JsonElement entries = obj.getAsJsonObject("metadata").get("managedFields");
    if (entries == null) {
      return null;
    }
    for (JsonElement e : entries.getAsJsonArray()) {
      JsonObject entry = e.getAsJsonObject();
      String sub = entry.has("subresource") ? entry.get("subresource").getAsString() : "";
      if (entry.get("manager").getAsString().equals(manager) && sub.equals(subresource)) {
        return entry;
      }
    }
    return null;
  }

  private static JsonObject managed(String resource, String name) throws Exception {
    return JsonParser.parseString(kubectl.ok("get", resource, name, "-o", "json", "--show-managed-fields").stdout())
        .getAsJsonObject();
  }

  @Test
  void aCreatorOwnsTheFieldsDefaultedForItButNotTheAllocatedOnesAndAnApplierOnlyWhatItApplied() throws Exception {
    kubectl.write("created.yaml", service("created", 80, "").replace("    targetPort: 80\n", ""));
    kubectl.ok("create", "-f", "created.yaml");
    JsonObject spec = entry(managed("svc", "created"), "kubectl-create", "").getAsJsonObject("fieldsV1")
        .getAsJsonObject("f:spec");
    assertThat(spec.keySet()).containsExactlyInAnyOrder("f:internalTrafficPolicy", "f:ports", "f:selector",
        "f:sessionAffinity", "f:type");
    assertThat(portFields(managed("created"), "kubectl-create").keySet())
        .containsExactlyInAnyOrder(".", "f:port", "f:protocol", "f:targetPort");

    kubectl.write("applied.yaml", service("applied", 80, ""));
    kubectl.ok("apply", "--server-side", "-f", "applied.yaml");
    JsonObject applied = entry(managed("svc", "applied"), "kubectl", "").getAsJsonObject("fieldsV1")
        .getAsJsonObject("f:spec");
    assertThat(applied.keySet()).containsExactlyInAnyOrder("f:ports", "f:selector");
    assertThat(portFields(managed("applied"), "kubectl").keySet()).containsExactlyInAnyOrder(".", "f:port",
        "f:targetPort");
  }

  @Test
  void aStatusWriteIsRecordedUnderItsSubresource() throws Exception {
    kubectl.write("lb.yaml", service("lbstatus", 80, "").replace("spec:\n", "spec:\n  type: LoadBalancer\n"));
    kubectl.ok("create", "-f", "lb.yaml");
    kubectl.ok("patch", "svc", "lbstatus", "--subresource=status", "--type=merge",
        "-p", "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"127.100.0.99\"}]}}}");
    JsonObject status = entry(managed("svc", "lbstatus"), "kubectl-patch", "status");
    assertThat(status).isNotNull();
    assertThat(status.get("operation").getAsString()).isEqualTo("Update");
    assertThat(status.getAsJsonObject("fieldsV1").toString())
        .isEqualTo("{\"f:status\":{\"f:loadBalancer\":{\"f:ingress\":{}}}}");
    assertThat(entry(managed("svc", "lbstatus"), "kubectl-create", "")).isNotNull();
  }

  @Test
  void gRpcWritesAreRecordedUnderTheWritingComponentsName() throws Exception {
    kubectl.ok("create", "deployment", "mfdeploy", "--image=nginx:1.27");
    // the workload controller creates the ReplicaSet and writes the Deployment's status over gRPC
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(500)).untilAsserted(() -> {
          JsonObject deployment = managed("deployment", "mfdeploy");
          assertThat(entry(deployment, "kubectl-create", "")).isNotNull();
          assertThat(entry(deployment, "workload-controller", "status")).isNotNull();
          JsonObject sets = JsonParser.parseString(kubectl.ok("get", "rs", "-l", "app=mfdeploy", "-o", "json",
              "--show-managed-fields").stdout()).getAsJsonObject();
          assertThat(sets.getAsJsonArray("items")).singleElement().satisfies(rs ->
              assertThat(entry(rs.getAsJsonObject(), "workload-controller", "")).isNotNull());
        });
  }

  @Test
  void anEmptyManagedFieldsListOrOneEmptyEntryResetsThem() throws Exception {
    kubectl.write("reset.yaml", service("reset", 80, ""));
    kubectl.ok("create", "-f", "reset.yaml");
    kubectl.ok("patch", "svc", "reset", "--type=merge", "-p", "{\"metadata\":{\"managedFields\":[{}]}}");
    assertThat(managed("svc", "reset").getAsJsonObject("metadata").has("managedFields")).isFalse();

    kubectl.ok("label", "svc", "reset", "tier=web");
    assertThat(entry(managed("svc", "reset"), "kubectl-label", "")).isNotNull();
    kubectl.ok("patch", "svc", "reset", "--type=json",
        "-p", "[{\"op\":\"replace\",\"path\":\"/metadata/managedFields\",\"value\":[]}]");
    assertThat(managed("svc", "reset").getAsJsonObject("metadata").has("managedFields")).isFalse();
  }

  @Test
  void applyWithoutAFieldManagerIsRefusedAsKubernetesRefusesIt() throws Exception {
    kubectl.write("nofm.yaml", service("nofm", 80, ""));
    Kubectl.Result r = kubectl.run("apply", "--server-side", "--field-manager=", "-f", "nofm.yaml");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("fieldManager: Required value: is required for apply patch");
    assertThat(kubectl.run("get", "svc", "nofm").stderr())
        .isEqualTo("Error from server (NotFound): services \"nofm\" not found\n");
  }
}
