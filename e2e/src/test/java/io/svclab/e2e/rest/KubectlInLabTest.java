package io.svclab.e2e.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.svclab.api.v1.EventType;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.WatchRequest;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.api.WatchCollector;
import io.svclab.e2e.harness.Lab;
import io.svclab.e2e.harness.LabProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17's acceptance lines that need the whole lab (nodes, cloud-lb, controllers), typed
 * with the real kubectl: seed 002's wait, LoadBalancer watch and jsonpaths, the editing verbs,
 * {@code get all -A} and {@code explain}, and a kubectl write seen by a gRPC watch in order.
 */
class KubectlInLabTest {
  @TempDir static Path data;
  private static LabProcess lab;
  private static Kubectl kubectl;
  private static Path manifests;

  @BeforeAll
  static void start() throws Exception {
    Kubectl.requireInstalled();
    manifests = Files.createDirectories(data.resolve("manifests"));
    Path seed2 = Lab.root().resolve("cli/src/main/resources/demos/seed-002");
    Files.copy(seed2.resolve("backend.yaml"), manifests.resolve("demo-namespace.yaml"));
    Files.copy(seed2.resolve("backend-service.yaml"), manifests.resolve("backend-service.yaml"));
    Files.copy(Lab.root().resolve("cli/src/main/resources/demos/seed-000/nginx-deployment.yaml"),
        manifests.resolve("nginx-deployment.yaml"));
    // seed 002's frontend-loadbalancer.yaml, as the tutorial prints it
    Files.writeString(manifests.resolve("frontend-loadbalancer.yaml"), """
        apiVersion: v1
        kind: Service
        metadata:
          name: frontend-loadbalancer
          namespace: service-demo
        spec:
          type: LoadBalancer
          selector:
            app: frontend
          ports:
          - name: http
            port: 80
            targetPort: 80
        """);
    Files.writeString(manifests.resolve("edit-me.yaml"), """
        apiVersion: v1
        kind: Service
        metadata:
          name: edit-me
        spec:
          selector:
            app: nginx
          ports:
          - name: http
            port: 80
            targetPort: 80
        """);
    Files.writeString(manifests.resolve("watched.yaml"),
        Files.readString(manifests.resolve("edit-me.yaml")).replace("name: edit-me", "name: watched"));
    lab = LabProcess.up(data.resolve("lab"));
    lab.awaitLine("svclab is up in", 300);
    kubectl = new Kubectl(data.resolve("lab").resolve("kubeconfig"), manifests);
  }

  @AfterAll
  static void stop() throws Exception {
    if (lab != null) {
      lab.terminateGroup(120);
      lab.close();
    }
  }

  private static Kubectl.Result ok(String... args) throws Exception {
    return kubectl.ok(args);
  }

  @Test
  void seedTwoWaitsWatchesTheLoadBalancerAndReadsAddresses() throws Exception {
    ok("apply", "-f", "demo-namespace.yaml");
    ok("apply", "-f", "backend-service.yaml");
    // kubectl wait --all needs the pods to exist; the Deployment creates them a moment after apply
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(kubectl.run("wait", "--for=condition=ready", "pod", "--all", "-n", "service-demo", "--timeout=60s")
            .stdout()).contains("condition met").doesNotContain("no matching resources"));
    assertThat(ok("get", "service", "backend-service", "-n", "service-demo").stdout())
        .containsPattern("backend-service\\s+ClusterIP\\s+127\\.96\\.\\d+\\.\\d+\\s+<none>\\s+80/TCP");

    ok("apply", "-f", "frontend-loadbalancer.yaml");
    Pattern withIp = Pattern.compile(
        "frontend-loadbalancer\\s+LoadBalancer\\s+127\\.96\\.\\d+\\.\\d+\\s+(127\\.100\\.0\\.\\d+)\\s+80:3\\d{4}/TCP\\s.*");
    String ingress;
    try (Kubectl.Streaming watch = kubectl.stream("get", "service", "frontend-loadbalancer", "-n", "service-demo", "-w")) {
      await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
          assertThat(watch.lines).anyMatch(l -> withIp.matcher(l).matches()));
      Matcher m = watch.lines.stream().map(withIp::matcher).filter(Matcher::matches).findFirst().orElseThrow();
      ingress = m.group(1);
    }
    assertThat(ok("get", "service", "frontend-loadbalancer", "-n", "service-demo", "-o",
        "jsonpath={.status.loadBalancer.ingress[0].ip}").stdout()).isEqualTo(ingress);

    String external = ok("get", "nodes", "-o",
        "jsonpath={.items[0].status.addresses[?(@.type==\"ExternalIP\")].address}").stdout();
    assertThat(external).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(ok("get", "events", "-n", "service-demo", "--sort-by=.metadata.creationTimestamp").stdout())
            .contains("EnsuredLoadBalancer", "service/frontend-loadbalancer"));
    ok("delete", "namespace", "service-demo", "--wait=false");
  }

  @Test
  void editingVerbsChangeTheStoredService() throws Exception {
    assertThat(ok("apply", "-f", "edit-me.yaml").stdout()).isEqualTo("service/edit-me created\n");
    assertThat(ok("annotate", "svc", "edit-me", "note=hi").stdout()).isEqualTo("service/edit-me annotated\n");
    assertThat(ok("set", "selector", "svc", "edit-me", "app=other").stdout())
        .isEqualTo("service/edit-me selector updated\n");
    assertThat(ok("patch", "svc", "edit-me", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"patched\":\"merge\"}}}")
        .stdout()).isEqualTo("service/edit-me patched\n");
    // strategic merge: the port list merges on its key (port), so the name stays
    assertThat(ok("patch", "svc", "edit-me", "-p", "{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":8080}]}}")
        .stdout()).isEqualTo("service/edit-me patched\n");
    Kubectl editor = kubectl.withEnv("KUBE_EDITOR", "sed -i s/note:\\ hi/note:\\ edited/");
    assertThat(editor.ok("edit", "svc", "edit-me").stdout()).isEqualTo("service/edit-me edited\n");
    assertThat(ok("get", "svc", "edit-me", "-o", "jsonpath={.metadata.annotations.note} {.spec.selector.app} "
        + "{.metadata.labels.patched} {.spec.ports[0].name} {.spec.ports[0].targetPort}").stdout())
        .isEqualTo("edited other merge http 8080");
    ok("delete", "svc", "edit-me");

    ok("apply", "-f", "nginx-deployment.yaml");
    assertThat(ok("expose", "deployment", "nginx-deployment", "--name=exposed", "--port=8080", "--target-port=80")
        .stdout()).isEqualTo("service/exposed exposed\n");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(ok("get", "endpoints", "exposed").stdout()).containsPattern("exposed\\s+127\\.244\\.\\d+\\.\\d+:80"));
    ok("delete", "svc", "exposed");
    ok("delete", "deployment", "nginx-deployment");
  }

  @Test
  void allNamespacesAndExplain() throws Exception {
    assertThat(ok("get", "all", "-A").stdout())
        .containsPattern("default\\s+service/kubernetes\\s+ClusterIP\\s+127\\.96\\.0\\.1\\s")
        .containsPattern("kube-system\\s+service/kube-dns\\s+ClusterIP\\s+127\\.96\\.0\\.10\\s")
        .containsPattern("kube-system\\s+pod/coredns-control-plane\\s+1/1\\s+Running");
    assertThat(ok("explain", "service.spec.ports").stdout())
        .contains("KIND:", "Service", "VERSION:", "v1", "FIELD:", "ports", "targetPort", "nodePort");
  }

  @Test
  void aKubectlWriteIsSeenByAGrpcWatchInOrder() throws Exception {
    ManagedChannel channel = ManagedChannelBuilder.forTarget("127.0.0.1:6443").usePlaintext().build();
    try {
      ResourceClient<Service> services = new ResourceClient<>(channel, ResourceKinds.SERVICES);
      String from = ok("get", "svc", "kubernetes", "-o", "jsonpath={.metadata.resourceVersion}").stdout();
      WatchCollector<Service> watch = new WatchCollector<>(services)
          .start(WatchRequest.newBuilder().setNamespace("default").setResourceVersion(from).build());
      try {
        ok("create", "-f", "watched.yaml");
        long created = Long.parseLong(ok("get", "svc", "watched", "-o", "jsonpath={.metadata.resourceVersion}").stdout());
        ok("label", "svc", "watched", "step=two");
        long labelled = Long.parseLong(ok("get", "svc", "watched", "-o", "jsonpath={.metadata.resourceVersion}").stdout());
        ok("delete", "svc", "watched");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(watch.nonBookmarks().stream()
            .filter(e -> e.name().equals("watched")).map(WatchCollector.Seen::type).toList())
            .containsExactly(EventType.ADDED, EventType.MODIFIED, EventType.DELETED));
        List<WatchCollector.Seen> seen = watch.nonBookmarks().stream().filter(e -> e.name().equals("watched")).toList();
        assertThat(seen.get(0).resourceVersion()).isEqualTo(created);
        assertThat(seen.get(1).resourceVersion()).isEqualTo(labelled);
        assertThat(seen.get(2).resourceVersion()).isGreaterThan(labelled);
      } finally {
        watch.cancel();
      }
    } finally {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
