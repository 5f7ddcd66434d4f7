package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.api.v1.IntOrString;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against a real apiserver's HTTPS port (and a workload controller, so the
 * seed's Deployment has pods): seed 000's commands verbatim, errors in kubectl's words, and a gRPC
 * write seen by {@code kubectl get -w}. Each test uses its own objects.
 */
class KubectlTest {
  @TempDir static Path dir;
  private static KubectlCluster cluster;
  private static Kubectl kubectl;

  @BeforeAll
  static void start() throws Exception {
    cluster = KubectlCluster.start(dir, false);
    Path manifests = Files.createDirectories(dir.resolve("manifests"));
    for (String f : List.of("nginx-deployment.yaml", "nginx-clusterip-service.yaml", "nginx-nodeport-service.yaml",
        "nginx-loadbalancer-service.yaml")) {
      try (InputStream in = KubectlTest.class.getResourceAsStream("/seed-000/" + f)) {
        Files.write(manifests.resolve(f), in.readAllBytes());
      }
    }
    kubectl = cluster.kubectl(manifests);
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) cluster.close();
  }

  private static Kubectl.Result ok(String... args) throws IOException, InterruptedException {
    return kubectl.ok(args);
  }

  @Test
  void versionAndApiResources() throws Exception {
    assertThat(ok("version").stdout()).contains("Server Version: v1.32");
    String resources = ok("api-resources").stdout();
    assertThat(resources).containsPattern("(?m)^services\\s+svc\\s+v1\\s+true\\s+Service$")
        .containsPattern("(?m)^deployments\\s+deploy\\s+apps/v1\\s+true\\s+Deployment$")
        .containsPattern("(?m)^endpointslices\\s+discovery.k8s.io/v1\\s+true\\s+EndpointSlice$");
    assertThat(ok("get", "--raw", "/readyz").stdout()).isEqualTo("ok");
  }

  @Test
  void seedZeroAppliesListsAndDeletes() throws Exception {
    assertThat(ok("apply", "-f", "nginx-deployment.yaml").stdout()).isEqualTo("deployment.apps/nginx-deployment created\n");
    assertThat(ok("apply", "-f", "nginx-clusterip-service.yaml").stdout())
        .isEqualTo("service/nginx-clusterip-service created\n");
    assertThat(ok("apply", "-f", "nginx-nodeport-service.yaml").stdout())
        .isEqualTo("service/nginx-nodeport-service created\n");
    assertThat(ok("apply", "-f", "nginx-loadbalancer-service.yaml").stdout())
        .isEqualTo("service/nginx-loadbalancer-service created\n");

    String svc = ok("get", "svc").stdout();
    assertThat(svc.lines().findFirst().orElseThrow())
        .matches("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE");
    assertThat(svc).containsPattern("(?m)^nginx-clusterip-service\\s+ClusterIP\\s+127\\.96\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP\\s+\\d+s$")
        .containsPattern("(?m)^nginx-nodeport-service\\s+NodePort\\s+127\\.96\\.\\d+\\.\\d+\\s+<none>\\s+80:30080/TCP\\s+\\d+s$")
        .containsPattern("(?m)^nginx-loadbalancer-service\\s+LoadBalancer\\s+127\\.96\\.\\d+\\.\\d+\\s+<pending>\\s+80:3\\d{4}/TCP\\s+\\d+s$");

    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      String pods = ok("get", "pods", "-l", "app=nginx").stdout();
      assertThat(pods.lines().findFirst().orElse("")).matches("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE");
      assertThat(pods.lines().filter(l -> l.startsWith("nginx-deployment-"))).hasSize(2);
    });
    assertThat(ok("get", "deployments").stdout()).containsPattern("(?m)^NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE$")
        .containsPattern("(?m)^nginx-deployment\\s+\\d/2\\s+");

    String clusterIp = ok("get", "svc", "nginx-clusterip-service", "-o", "jsonpath={.spec.clusterIP}").stdout();
    Service viaGrpc = new ResourceClient<>(cluster.api().channel(), ResourceKinds.SERVICES).get("default", "nginx-clusterip-service");
    assertThat(clusterIp).isEqualTo(viaGrpc.getSpec().getClusterIp()).startsWith("127.96.");
    assertThat(ok("get", "svc", "nginx-nodeport-service", "-o", "jsonpath={.spec.ports[0].targetPort}").stdout())
        .isEqualTo("80");

    assertThat(ok("delete", "service", "nginx-clusterip-service", "nginx-nodeport-service", "nginx-loadbalancer-service")
        .stdout()).isEqualTo("service \"nginx-clusterip-service\" deleted\nservice \"nginx-nodeport-service\" deleted\n"
            + "service \"nginx-loadbalancer-service\" deleted\n");
    assertThat(ok("delete", "deployment", "nginx-deployment").stdout())
        .isEqualTo("deployment.apps \"nginx-deployment\" deleted\n");
    assertThat(kubectl.run("get", "svc", "nginx-clusterip-service").exitCode()).isEqualTo(1);
  }

  @Test
  void errorsReadAsKubernetesWritesThem() throws Exception {
    Kubectl.Result missing = kubectl.run("get", "svc", "nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).isEqualTo("Error from server (NotFound): services \"nope\" not found\n");

    Files.writeString(dir.resolve("manifests/bad.yaml"), """
        apiVersion: v1
        kind: Service
        metadata:
          name: bad
        spec:
          type: NodePort
          ports:
          - port: 80
            nodePort: 80
        """);
    Kubectl.Result invalid = kubectl.run("create", "-f", "bad.yaml");
    assertThat(invalid.exitCode()).isEqualTo(1);
    assertThat(invalid.stderr()).isEqualTo("The Service \"bad\" is invalid: spec.ports[0].nodePort: Invalid value: 80: "
        + "provided port is not in the valid range. The range of valid ports is 30000-32767\n");

    Files.writeString(dir.resolve("manifests/unknown.yaml"), """
        apiVersion: v1
        kind: Service
        metadata:
          name: unknown-field
        spec:
          ports:
          - port: 80
            colour: blue
        """);
    Kubectl.Result strict = kubectl.run("create", "-f", "unknown.yaml");
    assertThat(strict.exitCode()).isEqualTo(1);
    assertThat(strict.stderr()).contains("Error from server (BadRequest)")
        .contains("strict decoding error: unknown field \"spec.ports[0].colour\"");
    assertThat(kubectl.run("get", "svc", "unknown-field").exitCode()).as("nothing stored").isEqualTo(1);

    Kubectl.Result warned = ok("create", "-f", "unknown.yaml", "--validate=warn");
    assertThat(warned.stderr()).contains("Warning: unknown field \"spec.ports[0].colour\"");
    assertThat(warned.stdout()).isEqualTo("service/unknown-field created\n");
    ok("delete", "svc", "unknown-field");
  }

  @Test
  void applyAgainScaleLabelAndPatch() throws Exception {
    String manifest = """
        apiVersion: v1
        kind: Service
        metadata:
          name: web-apply
        spec:
          selector:
            app: web
          ports:
          - port: 80
            targetPort: 8080
        """;
    Files.writeString(dir.resolve("manifests/web-apply.yaml"), manifest);
    assertThat(ok("apply", "-f", "web-apply.yaml").stdout()).isEqualTo("service/web-apply created\n");
    assertThat(ok("apply", "-f", "web-apply.yaml").stdout()).isEqualTo("service/web-apply unchanged\n");
    Files.writeString(dir.resolve("manifests/web-apply.yaml"), manifest.replace("port: 80\n", "port: 81\n"));
    assertThat(ok("apply", "-f", "web-apply.yaml").stdout()).isEqualTo("service/web-apply configured\n");
    assertThat(ok("get", "svc", "web-apply", "-o", "jsonpath={.spec.ports[*].port}").stdout()).isEqualTo("81");

    assertThat(ok("label", "svc", "web-apply", "tier=front").stdout()).isEqualTo("service/web-apply labeled\n");
    assertThat(ok("patch", "svc", "web-apply", "--type=json",
        "-p", "[{\"op\":\"replace\",\"path\":\"/spec/ports/0/targetPort\",\"value\":9090}]").stdout())
        .isEqualTo("service/web-apply patched\n");
    Service viaGrpc = new ResourceClient<>(cluster.api().channel(), ResourceKinds.SERVICES).get("default", "web-apply");
    assertThat(viaGrpc.getMetadata().getLabelsMap()).containsEntry("tier", "front");
    assertThat(viaGrpc.getSpec().getPorts(0).getTargetPort().getNumber()).isEqualTo(9090);

    Files.writeString(dir.resolve("manifests/scaled.yaml"), Files.readString(dir.resolve("manifests/nginx-deployment.yaml"))
        .replace("name: nginx-deployment", "name: scaled").replace("app: nginx", "app: scaled"));
    assertThat(ok("apply", "-f", "scaled.yaml").stdout()).isEqualTo("deployment.apps/scaled created\n");
    assertThat(ok("scale", "deployment", "scaled", "--replicas=3").stdout()).isEqualTo("deployment.apps/scaled scaled\n");
    assertThat(new ResourceClient<>(cluster.api().channel(), ResourceKinds.DEPLOYMENTS).get("default", "scaled").getSpec()
        .getReplicas()).isEqualTo(3);
    ok("delete", "deployment", "scaled");
    ok("delete", "svc", "web-apply");
  }

  @Test
  void wrongTokenIsUnauthorized() throws Exception {
    Path other = dir.resolve("wrong-kubeconfig");
    String text = Files.readString(cluster.api().kubeconfig()).replaceAll("token: \\S+", "token: not-the-token");
    Files.writeString(other, text);
    Kubectl.Result r = new Kubectl(other, dir).run("get", "svc");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.stderr()).contains("error: You must be logged in to the server (Unauthorized)");
  }

  @Test
  void grpcWriteIsARowInKubectlGetWatch() throws Exception {
    try (Kubectl.Streaming watch = kubectl.stream("get", "svc", "-w")) {
      await().atMost(Duration.ofSeconds(60)).until(() -> watch.lines.stream().anyMatch(l -> l.startsWith("kubernetes ")));
      Service.Builder s = Service.newBuilder();
      s.getMetadataBuilder().setName("from-grpc").setNamespace("default");
      s.getSpecBuilder().addPorts(ServicePort.newBuilder().setPort(8080).setProtocol("TCP")
          .setTargetPort(IntOrString.newBuilder().setNumber(80)));
      new ResourceClient<>(cluster.api().channel(), ResourceKinds.SERVICES).create(s.build());
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(watch.lines)
          .anyMatch(l -> l.matches("from-grpc\\s+ClusterIP\\s+127\\.96\\.\\d+\\.\\d+\\s+<none>\\s+8080/TCP\\s+\\d+s")));
    }
    ok("delete", "svc", "from-grpc");
  }
}
