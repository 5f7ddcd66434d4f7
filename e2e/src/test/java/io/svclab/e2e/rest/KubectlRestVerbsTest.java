package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.e2e.harness.ApiServerProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against an apiserver's HTTPS port for the verbs and refusals beyond the seed:
 * bodies kube-apiserver would refuse (too large, malformed, unknown kinds) and a watch from a
 * resourceVersion that fell out of a small watch window. Each test uses its own objects.
 */
class KubectlRestVerbsTest {
  /** Small, so a handful of writes pushes the first revisions out of the window. */
  private static final int WATCH_WINDOW = 8;
  @TempDir static Path dir;
  private static ApiServerProcess api;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    Kubectl.requireInstalled();
    api = new ApiServerProcess(dir, "--watch-cache-size", Integer.toString(WATCH_WINDOW)).start();
    kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("work")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (api != null) {
      api.close();
    }
  }

  private static Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve("work").resolve(name), text);
  }

  @Test
  void bodyOverThreeMebibytesIsRefusedAndNothingStored() throws Exception {
    write("big.yaml", """
        apiVersion: v1
        kind: Service
        metadata:
          name: too-big
          annotations:
            filler: "%s"
        spec:
          ports:
          - port: 80
        """.formatted("x".repeat(3 * 1024 * 1024)));
    Kubectl.Result r = kubectl.run("create", "-f", "big.yaml");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).isEqualTo("Error from server (RequestEntityTooLarge): error when creating \"big.yaml\": "
        + "Request entity too large: limit is 3145728\n");
    assertThat(kubectl.run("get", "svc", "too-big").stderr())
        .isEqualTo("Error from server (NotFound): services \"too-big\" not found\n");
  }

  @Test
  void unregisteredKindIsABadRequestInTheSchemesWords() throws Exception {
    write("lower.yaml", """
        apiVersion: v1
        kind: service
        metadata:
          name: lower-kind
        spec:
          ports:
          - port: 80
        """);
    Kubectl.Result r = kubectl.run("create", "-f", "lower.yaml", "--validate=false");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).isEqualTo("Error from server (BadRequest): error when creating \"lower.yaml\": service in "
        + "version \"v1\" cannot be handled as a Service: no kind \"service\" is registered for version \"v1\" in scheme "
        + "\"pkg/api/legacyscheme/scheme.go:30\"\n");
    assertThat(kubectl.run("get", "svc", "lower-kind").exitCode()).as("nothing stored").isEqualTo(1);
  }

  @Test
  void rawBodiesOfTheWrongShapeAreBadRequests() throws Exception {
    write("truncated.json", "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"trunc");
    Kubectl.Result truncated = kubectl.run("create", "--raw", "/api/v1/namespaces/default/services", "-f",
        "truncated.json");
    assertThat(truncated.exitCode()).isEqualTo(1);
    assertThat(truncated.stderr()).isEqualTo("Error from server (BadRequest): the object provided is unrecognized "
        + "(must be of type Service): couldn't get version/kind; json parse error: unexpected end of JSON input "
        + "({\"apiVersion\":\"v1\",\"kind\":\"Ser ...)\n");

    write("pod-as-service.json", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"wrong-kind\"}}");
    Kubectl.Result wrongKind = kubectl.run("create", "--raw", "/api/v1/namespaces/default/services", "-f",
        "pod-as-service.json");
    assertThat(wrongKind.stderr()).isEqualTo("Error from server (BadRequest): Pod in version \"v1\" cannot be handled "
        + "as a Service: converting (v1.Pod) to (core.Service): unknown conversion\n");

    write("apps-service.json", "{\"apiVersion\":\"apps/v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"wrong-group\"}}");
    Kubectl.Result wrongGroup = kubectl.run("create", "--raw", "/api/v1/namespaces/default/services", "-f",
        "apps-service.json");
    assertThat(wrongGroup.stderr()).isEqualTo("Error from server (BadRequest): Service in version \"v1\" cannot be "
        + "handled as a Service: no kind \"Service\" is registered for version \"apps/v1\" in scheme "
        + "\"pkg/api/legacyscheme/scheme.go:30\"\n");
    assertThat(kubectl.run("get", "svc", "wrong-kind").exitCode()).as("nothing stored").isEqualTo(1);
    assertThat(kubectl.run("get", "svc", "wrong-group").exitCode()).as("nothing stored").isEqualTo(1);
  }

  @Test
  void watchFromACompactedResourceVersionEndsWithGoneExpired() throws Exception {
    for (int i = 0; i < WATCH_WINDOW + 2; i++) {
      write("churn-" + i + ".yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: churn-" + i
          + "\nspec:\n  ports:\n  - port: 80\n");
      kubectl.ok("create", "-f", "churn-" + i + ".yaml");
    }
    Kubectl.Result r = kubectl.ok("get", "--raw", "/api/v1/namespaces/default/services?watch=true&resourceVersion=1");
    assertThat(r.stdout()).matches("\\{\"type\":\"ERROR\",\"object\":\\{\"kind\":\"Status\",\"apiVersion\":\"v1\","
        + "\"metadata\":\\{},\"status\":\"Failure\",\"message\":\"too old resource version: 1 \\(\\d+\\)\","
        + "\"reason\":\"Expired\",\"code\":410}}\n");
    for (int i = 0; i < WATCH_WINDOW + 2; i++) {
      kubectl.ok("delete", "service", "churn-" + i);
    }
  }

  @Test
  void serverDryRunShowsTheResultAndStoresNothing() throws Exception {
    String manifest = """
        apiVersion: v1
        kind: Service
        metadata:
          name: dry
        spec:
          selector:
            app: dry
          ports:
          - port: 80
        """;
    write("dry.yaml", manifest);
    Kubectl.Result shown = kubectl.ok("create", "-f", "dry.yaml", "--dry-run=server", "-o",
        "jsonpath={.spec.clusterIP} {.spec.ports[0].targetPort} {.metadata.uid}");
    String[] fields = shown.stdout().split(" ");
    assertThat(fields[0]).as("defaults and allocation ran").startsWith("127.96.");
    assertThat(fields[1]).as("targetPort defaulted").isEqualTo("80");
    assertThat(fields).hasSize(3);
    assertThat(kubectl.run("get", "svc", "dry").exitCode()).as("nothing stored").isEqualTo(1);
    assertThat(kubectl.ok("apply", "-f", "dry.yaml", "--dry-run=server").stdout())
        .isEqualTo("service/dry created (server dry run)\n");
    assertThat(kubectl.run("get", "svc", "dry").exitCode()).as("nothing stored").isEqualTo(1);

    // the ClusterIP the dry run showed was never reserved: a real Service can take it
    write("dry.yaml", manifest.replace("  selector:", "  clusterIP: " + fields[0] + "\n  selector:"));
    assertThat(kubectl.ok("apply", "-f", "dry.yaml").stdout()).isEqualTo("service/dry created\n");
    String resourceVersion = kubectl.ok("get", "svc", "dry", "-o", "jsonpath={.metadata.resourceVersion}").stdout();

    write("dry.yaml", manifest.replace("  selector:", "  clusterIP: " + fields[0] + "\n  selector:")
        .replace("port: 80", "port: 81"));
    assertThat(kubectl.ok("apply", "-f", "dry.yaml", "--dry-run=server").stdout())
        .isEqualTo("service/dry configured (server dry run)\n");
    assertThat(kubectl.ok("patch", "svc", "dry", "--dry-run=server", "-p", "{\"spec\":{\"type\":\"NodePort\"}}",
        "-o", "jsonpath={.spec.ports[0].nodePort}").stdout()).as("a NodePort shown, not taken").matches("3\\d{4}");
    assertThat(kubectl.ok("delete", "svc", "dry", "--dry-run=server").stdout())
        .isEqualTo("service \"dry\" deleted (server dry run)\n");
    assertThat(kubectl.ok("get", "svc", "dry", "-o", "jsonpath={.metadata.resourceVersion} {.spec.type} "
        + "{.spec.ports[0].port}").stdout()).isEqualTo(resourceVersion + " ClusterIP 80");

    write("dry.json", "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"dry-bad\"},"
        + "\"spec\":{\"ports\":[{\"port\":80}]}}");
    Kubectl.Result badValue = kubectl.run("create", "--raw", "/api/v1/namespaces/default/services?dryRun=Some", "-f",
        "dry.json");
    assertThat(badValue.stderr()).isEqualTo("The CreateOptions \"\" is invalid: dryRun: Unsupported value: "
        + "[]string{\"Some\"}: supported values: \"All\"\n");
    kubectl.ok("delete", "svc", "dry");
  }

  @Test
  void deleteByLabelAllAndTheCollectionVerb() throws Exception {
    StringBuilder manifest = new StringBuilder("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dc\n");
    for (String[] svc : new String[][] {{"x1", "web"}, {"x2", "web"}, {"y1", "api"}, {"z1", "db"}}) {
      manifest.append("---\napiVersion: v1\nkind: Service\nmetadata:\n  name: ").append(svc[0])
          .append("\n  namespace: dc\n  labels:\n    app: ").append(svc[1]).append("\nspec:\n  ports:\n  - port: 80\n");
    }
    write("dc.yaml", manifest.toString());
    kubectl.ok("apply", "-f", "dc.yaml");

    assertThat(kubectl.ok("delete", "svc", "-l", "app=web", "-n", "dc").stdout())
        .isEqualTo("service \"x1\" deleted\nservice \"x2\" deleted\n");
    String collection = kubectl.ok("delete", "--raw", "/api/v1/namespaces/dc/services?labelSelector=app%3Dapi").stdout();
    assertThat(collection).startsWith("{\"kind\":\"ServiceList\",\"apiVersion\":\"v1\"").contains("\"name\":\"y1\"")
        .doesNotContain("\"name\":\"z1\"");
    assertThat(kubectl.ok("get", "svc", "-n", "dc", "-o", "name").stdout()).isEqualTo("service/z1\n");
    assertThat(kubectl.ok("delete", "svc", "--all", "-n", "dc").stdout()).isEqualTo("service \"z1\" deleted\n");
    assertThat(kubectl.ok("get", "svc", "-n", "dc").stderr()).isEqualTo("No resources found in dc namespace.\n");

    Kubectl.Result namespaces = kubectl.run("delete", "--raw", "/api/v1/namespaces");
    assertThat(namespaces.exitCode()).isEqualTo(1);
    assertThat(namespaces.stderr()).isEqualTo("Error from server (MethodNotAllowed): the server does not allow this "
        + "method on the requested resource\n");
    assertThat(kubectl.ok("get", "ns", "dc", "-o", "name").stdout()).isEqualTo("namespace/dc\n");
    kubectl.ok("delete", "ns", "dc");
  }
}
