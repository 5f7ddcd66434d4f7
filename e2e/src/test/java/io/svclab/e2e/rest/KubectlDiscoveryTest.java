package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.ComponentProcess;
import io.svclab.e2e.harness.Lab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the real kubectl learns about the API: aggregated discovery (asked for first and used), every
 * group in {@code api-resources}, Kubernetes' descriptions in {@code explain}, {@code /openapi/v2}, and
 * cloud-lb's Events read, patched and deleted as a collection through {@code events.k8s.io/v1}.
 */
class KubectlDiscoveryTest {
  private static final String AGGREGATED = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

  @TempDir static Path dir;
  private static KubectlCluster cluster;
  private static ComponentProcess lb;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = KubectlCluster.start(dir, false);
    int admin = Lab.freePort();
    String pool = "127.100." + ThreadLocalRandom.current().nextInt(20, 250) + ".0/29";
    lb = new ComponentProcess("cloud-lb", "io.svclab.cloudlb.CloudLbMain",
        List.of("--api", cluster.api().target(), "--pool", pool, "--admin-port", Integer.toString(admin)), dir,
        "http://127.0.0.1:" + admin + "/readyz").start();
    kubectl = cluster.kubectl(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (lb != null) lb.close();
    if (cluster != null) cluster.close();
  }

  @Test
  void aggregatedDiscoveryIsAskedForFirstAndUsed() throws Exception {
    // a cache of its own, so kubectl discovers from the server in this run
    Kubectl.Result r = kubectl.ok("api-resources", "-v=8", "--cache-dir=" + dir.resolve("discovery-cache"));
    assertThat(r.stderr()).contains("Accept: " + AGGREGATED + ",")
        .contains("Content-Type: " + AGGREGATED)
        .containsPattern("GET https://\\S+/api\\?timeout=")
        .containsPattern("GET https://\\S+/apis\\?timeout=");
    // with the aggregated documents kubectl needs no request per group/version
    assertThat(r.stderr()).doesNotContainPattern("GET https://\\S+/api/v1\\?")
        .doesNotContainPattern("GET https://\\S+/apis/[a-z.]+/v1\\?");
    assertThat(r.stdout()).containsPattern("(?m)^services\\s+svc\\s+v1\\s+true\\s+Service$")
        .containsPattern("(?m)^events\\s+ev\\s+v1\\s+true\\s+Event$")
        .containsPattern("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment$")
        .containsPattern("(?m)^replicasets\\s+rs\\s+apps/v1\\s+true\\s+ReplicaSet$")
        .containsPattern("(?m)^leases\\s+coordination.k8s.io/v1\\s+true\\s+Lease$")
        .containsPattern("(?m)^endpointslices\\s+discovery.k8s.io/v1\\s+true\\s+EndpointSlice$")
        .containsPattern("(?m)^events\\s+ev\\s+events.k8s.io/v1\\s+true\\s+Event$");
  }

  @Test
  void explainPrintsKubernetesOwnDescriptions() throws Exception {
    String out = kubectl.ok("explain", "service.spec.ports").stdout();
    System.out.println(out);
    assertThat(out).startsWith("KIND:       Service\nVERSION:    v1\n\nFIELD: ports <[]ServicePort>\n")
        .contains("DESCRIPTION:\n    The list of ports that are exposed by this service. More info:\n"
            + "    https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies\n"
            + "    ServicePort contains information on service's port.\n")
        .contains("  port\t<integer> -required-\n    The port that will be exposed by this service.\n")
        .contains("  nodePort\t<integer>\n    The port on each node on which this service is exposed when type is NodePort\n")
        .doesNotContain("<no description>").doesNotContain("<empty>");
    assertThat(kubectl.ok("explain", "events.regarding", "--api-version=events.k8s.io/v1").stdout())
        .startsWith("GROUP:      events.k8s.io\nKIND:       Event\nVERSION:    v1\n\nFIELD: regarding <ObjectReference>\n")
        .contains("ObjectReference contains enough information to let you inspect or modify the\n");
  }

  @Test
  void openApiV2IsJsonWithTheServiceDefinition() throws Exception {
    JsonObject doc = JsonParser.parseString(kubectl.ok("get", "--raw", "/openapi/v2").stdout()).getAsJsonObject();
    assertThat(doc.get("swagger").getAsString()).isEqualTo("2.0");
    JsonObject definitions = doc.getAsJsonObject("definitions");
    JsonObject service = definitions.getAsJsonObject("io.k8s.api.core.v1.Service");
    assertThat(service.get("x-kubernetes-group-version-kind").toString())
        .isEqualTo("[{\"group\":\"\",\"kind\":\"Service\",\"version\":\"v1\"}]");
    assertThat(service.getAsJsonObject("properties").getAsJsonObject("spec").get("$ref").getAsString())
        .isEqualTo("#/definitions/io.k8s.api.core.v1.ServiceSpec");
    JsonObject ports = definitions.getAsJsonObject("io.k8s.api.core.v1.ServiceSpec").getAsJsonObject("properties")
        .getAsJsonObject("ports");
    assertThat(ports.get("x-kubernetes-patch-merge-key").getAsString()).isEqualTo("port");
    assertThat(ports.get("x-kubernetes-patch-strategy").getAsString()).isEqualTo("merge");
    assertThat(definitions.getAsJsonObject("io.k8s.api.events.v1.Event").get("x-kubernetes-group-version-kind")
        .toString()).isEqualTo("[{\"group\":\"events.k8s.io\",\"kind\":\"Event\",\"version\":\"v1\"}]");
    // client-go asks for /openapi/v2 in protobuf only (gnostic's Document): kubectl's v2 explain reads it
    String v2 = kubectl.ok("explain", "--output=plaintext-openapiv2", "service.spec.ports").stdout();
    assertThat(v2).containsPattern("(?m)^KIND:\\s+Service$").containsPattern("(?m)^VERSION:\\s+v1$")
        .containsPattern("(?m)^RESOURCE:\\s+ports <\\[\\]Object>$")
        .contains("The list of ports that are exposed by this service.", "FIELDS:")
        .containsPattern("(?m)^\\s+targetPort\\s+<(IntOrString|string)>$");
  }

  @Test
  void loadBalancerEventsAreListedThroughEventsK8sIo() throws Exception {
    kubectl.ok("create", "service", "loadbalancer", "lb-events", "--tcp=80:8080");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(kubectl.ok("get", "events.v1.events.k8s.io").stdout())
            .containsPattern("(?m)^\\S+\\s+Normal\\s+EnsuredLoadBalancer\\s+service/lb-events\\s+Ensured load balancer$"));
    JsonObject list = JsonParser.parseString(kubectl.ok("get", "events.v1.events.k8s.io", "-o", "json").stdout())
        .getAsJsonObject();
    JsonObject ensured = StreamSupport.stream(list.getAsJsonArray("items").spliterator(), false)
        .map(JsonElement::getAsJsonObject)
        .filter(e -> e.get("reason").getAsString().equals("EnsuredLoadBalancer")
            && e.getAsJsonObject("regarding").get("name").getAsString().equals("lb-events"))
        .findFirst().orElseThrow();
    assertThat(ensured.get("apiVersion").getAsString()).isEqualTo("events.k8s.io/v1");
    assertThat(ensured.get("note").getAsString()).isEqualTo("Ensured load balancer");
    assertThat(ensured.getAsJsonObject("regarding").get("kind").getAsString()).isEqualTo("Service");
    assertThat(ensured.getAsJsonObject("deprecatedSource").get("component").getAsString())
        .isEqualTo("service-controller");
    assertThat(ensured.has("message")).isFalse();
    // the same stored object, the same resourceVersion, through core/v1
    String name = ensured.getAsJsonObject("metadata").get("name").getAsString();
    var core = new ResourceClient<>(cluster.api().channel(), ResourceKinds.EVENTS).get("default", name);
    assertThat(core.getMessage()).isEqualTo("Ensured load balancer");
    assertThat(ensured.getAsJsonObject("metadata").get("resourceVersion").getAsString())
        .isEqualTo(core.getMetadata().getResourceVersion());

    // patched in this version's shape (note = message), labelled, then removed by a deletecollection
    kubectl.ok("patch", "events.v1.events.k8s.io", name, "--type=merge", "-p", "{\"note\":\"patched note\"}");
    var events = new ResourceClient<>(cluster.api().channel(), ResourceKinds.EVENTS);
    assertThat(events.get("default", name).getMessage()).isEqualTo("patched note");
    kubectl.ok("label", "events.v1.events.k8s.io", name, "doomed=yes");
    assertThat(events.get("default", name).getMetadata().getLabelsMap()).containsEntry("doomed", "yes");
    kubectl.ok("delete", "--raw", "/apis/events.k8s.io/v1/namespaces/default/events?labelSelector=doomed%3Dyes");
    assertThat(kubectl.run("get", "events.v1.events.k8s.io", name).stderr())
        .isEqualTo("Error from server (NotFound): events.events.k8s.io \"" + name + "\" not found\n");
  }
}
