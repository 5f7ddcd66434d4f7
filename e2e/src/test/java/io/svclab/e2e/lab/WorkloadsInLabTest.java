package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentsGrpc;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Scale;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ScaleSpec;
import io.svclab.api.v1.UpdateScaleRequest;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorials' workloads on the whole lab (`./lab up`: apiserver, controllers, two node
 * agents), applied with `./lab apply -f` from the unchanged manifests.
 */
class WorkloadsInLabTest {
  @TempDir Path data;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  static boolean ready(Pod p) {
    return p.getStatus().getConditionsList().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  @Test
  void seedDeploymentsRunOnTheirOwnIpsAcrossNodes() throws Exception {
    try (LabProcess lab = LabProcess.up(data)) {
      lab.awaitLine("svclab is up in", 300);
      ManagedChannel channel = ApiChannels.forTarget("127.0.0.1:6443");
      ResourceClient<Pod> pods = new ResourceClient<>(channel, ResourceKinds.PODS);
      ResourceClient<Deployment> deployments = new ResourceClient<>(channel, ResourceKinds.DEPLOYMENTS);
      try {
        long start = System.nanoTime();
        Shell.Result applied = Shell.run("./lab apply -f cli/src/main/resources/demos/seed-000/nginx-deployment.yaml", 60);
        assertThat(applied.stdout().trim()).as(applied.stderr()).isEqualTo("deployment.apps/nginx-deployment created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
          List<Pod> ready = pods.listItems("default", "app=nginx").stream().filter(WorkloadsInLabTest::ready).toList();
          assertThat(ready).hasSize(2);
          assertThat(ready.stream().map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()))
              .containsExactlyInAnyOrder("node-1", "node-2");
        });
        System.out.printf("nginx Deployment: 2 Ready pods on 2 nodes %.1f s after apply%n", (System.nanoTime() - start) / 1e9);
        for (Pod p : pods.listItems("default", "app=nginx")) {
          assertThat(p.getStatus().getPodIp()).startsWith(p.getSpec().getNodeName().equals("node-1") ? "127.244.1." : "127.244.2.");
          assertThat(get("http://" + p.getStatus().getPodIp() + ":80/")).contains("Welcome to nginx!");
        }
        Shell.Result again = Shell.run("./lab apply -f cli/src/main/resources/demos/seed-000/nginx-deployment.yaml", 60);
        assertThat(again.stdout().trim()).isEqualTo("deployment.apps/nginx-deployment unchanged");
        Shell.Result servicesApplied = Shell.run("./lab apply -f cli/src/main/resources/demos/seed-000/nginx-clusterip-service.yaml"
            + " -f cli/src/main/resources/demos/seed-000/nginx-nodeport-service.yaml", 60);
        assertThat(servicesApplied.stdout()).contains("service/nginx-clusterip-service created", "service/nginx-nodeport-service created");
        Shell.Result svcTable = Shell.run("./lab get svc", 60);
        assertThat(svcTable.stdout()).containsPattern("NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE")
            .containsPattern("nginx-nodeport-service\\s+NodePort\\s+127\\.96\\.\\S+\\s+<none>\\s+80:30080/TCP");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Shell.run("./lab get endpoints nginx-clusterip-service", 60)
            .stdout()).containsPattern("nginx-clusterip-service\\s+127\\.244\\.\\d+\\.\\d+:80,127\\.244\\.\\d+\\.\\d+:80\\s"));
        String clusterIp = new ResourceClient<>(channel, ResourceKinds.SERVICES).get("default", "nginx-clusterip-service")
            .getSpec().getClusterIp();
        for (String url : List.of("http://" + clusterIp + ":80/", "http://127.0.10.1:30080/", "http://127.0.10.2:30080/")) {
          await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(get(url)).as(url).contains("Welcome to nginx!"));
        }
        // seed 000's LoadBalancer: an IP from the pool, the cloud's events, and traffic through it
        ResourceClient<Service> services = new ResourceClient<>(channel, ResourceKinds.SERVICES);
        Shell.Result lbApplied = Shell.run("./lab apply -f cli/src/main/resources/demos/seed-000/nginx-loadbalancer-service.yaml", 60);
        long lbStart = System.nanoTime();
        assertThat(lbApplied.stdout().trim()).isEqualTo("service/nginx-loadbalancer-service created");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20)).until(() ->
            services.get("default", "nginx-loadbalancer-service").getStatus().getLoadBalancer().getIngressCount() > 0);
        System.out.printf("LoadBalancer ingress IP %.3f s after apply%n", (System.nanoTime() - lbStart) / 1e9);
        Service lb = services.get("default", "nginx-loadbalancer-service");
        String lbIp = lb.getStatus().getLoadBalancer().getIngress(0).getIp();
        assertThat(lbIp).startsWith("127.100.0.");
        assertThat(lb.getMetadata().getFinalizersList()).contains("service.kubernetes.io/load-balancer-cleanup");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
          List<String> reasons = new ResourceClient<>(channel, ResourceKinds.EVENTS).listItems("default", "").stream()
              .filter(e -> e.getInvolvedObject().getName().equals("nginx-loadbalancer-service"))
              .filter(e -> e.getSource().getComponent().equals("service-controller"))
              .sorted(java.util.Comparator.comparingLong(e -> e.getMetadata().getCreationTimestamp().getSeconds()))
              .map(e -> e.getReason()).toList();
          assertThat(reasons).containsSubsequence("EnsuringLoadBalancer", "EnsuredLoadBalancer");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(get("http://" + lbIp + "/")).contains("Welcome to nginx!"));
        assertThat(Shell.run("./lab get svc nginx-loadbalancer-service", 60).stdout())
            .containsPattern("nginx-loadbalancer-service\\s+LoadBalancer\\s+127\\.96\\.\\S+\\s+" + lbIp.replace(".", "\\.")
                + "\\s+80:3\\d{4}/TCP");
        assertThat(Shell.run("./lab scale deployment nginx-deployment --replicas=3", 60).stdout().trim())
            .isEqualTo("deployment.apps/nginx-deployment scaled");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Shell.run("./lab get endpoints nginx-clusterip-service", 60)
            .stdout()).containsPattern("(127\\.244\\.\\d+\\.\\d+:80,){2}127\\.244\\.\\d+\\.\\d+:80\\s"));
        for (int replicas : new int[] {3, 1}) {
          DeploymentsGrpc.newBlockingStub(channel).updateScale(UpdateScaleRequest.newBuilder().setNamespace("default")
              .setName("nginx-deployment").setScale(Scale.newBuilder().setSpec(ScaleSpec.newBuilder().setReplicas(replicas)))
              .build());
          await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Deployment d = deployments.get("default", "nginx-deployment");
            assertThat(d.getStatus().getReplicas()).isEqualTo(replicas);
            assertThat(d.getStatus().getReadyReplicas()).isEqualTo(replicas);
            assertThat(d.getStatus().getAvailableReplicas()).isEqualTo(replicas);
            assertThat(d.getStatus().getUpdatedReplicas()).isEqualTo(replicas);
            assertThat(pods.listItems("default", "app=nginx").stream().filter(p -> !p.getMetadata().hasDeletionTimestamp()))
                .hasSize(replicas);
          });
        }

        Shell.Result backend = Shell.run("./lab apply -f cli/src/main/resources/demos/seed-002/backend.yaml", 60);
        assertThat(backend.stdout()).contains("namespace/service-demo created", "deployment.apps/backend-app created");
        assertThat(backend.stderr()).as("seed 002 as printed has no field the model lacks").doesNotContain("unknown field");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
            pods.listItems("service-demo", "app=backend").stream().filter(WorkloadsInLabTest::ready).count() == 3);
        for (Pod p : pods.listItems("service-demo", "app=backend")) {
          String page = get("http://" + p.getStatus().getPodIp() + ":80/");
          assertThat(page).contains("<h1>Backend Pod: " + p.getMetadata().getName() + "</h1>")
              .contains("<p>Pod IP: " + p.getStatus().getPodIp() + "</p>");
        }
      } finally {
        channel.shutdownNow();
        lab.terminateGroup(120);
      }
    }
  }
}
