package io.svclab.e2e.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.Shell;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The container lab on the real Docker engine (DOCKER_HOST or the default socket; ./lab test
 * starts a dockerd when none answers): the committed docker-compose.yml, unedited, with the
 * image built offline by {@code ./lab image --local-base}, in the README's order. The project
 * name is unique, so its containers, networks and volume are this test's alone.
 */
class ComposeLabTest {
  static final String SEED = "cli/src/main/resources/demos/seed-000/";
  static final String WELCOME = "Welcome to nginx!";
  static final Duration CEILING = Duration.ofSeconds(240);

  final String project = "svclabe2e" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(0, 6);

  static Shell.Result ok(String commandLine, long timeoutSeconds) throws Exception {
    Shell.Result r = Shell.run(commandLine, timeoutSeconds);
    assertThat(r.exitCode()).as("`%s`:%n%s%n%s", commandLine, r.stdout(), r.stderr()).isZero();
    return r;
  }

  String compose(String args) {
    return "docker-compose -p " + project + " " + args;
  }

  /** curl from inside a node container, as a process on the lab network; the page or curl's error. */
  String curlFrom(String node, String url) throws Exception {
    Shell.Result r = Shell.run(compose("exec -T " + node + " curl -sS -m 5 " + url), 60);
    return r.stdout() + r.stderr();
  }

  static boolean ready(Pod p) {
    return p.getStatus().getConditionsList().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
  }

  @Test
  void theComposeLabServesSeed000AndSurvivesRestarts() throws Exception {
    ok("docker info", 60);
    long start = System.nanoTime();
    ok("./lab image --local-base", 900);
    System.out.printf("./lab image --local-base: %.1f s%n", (System.nanoTime() - start) / 1e9);
    ManagedChannel channel = null;
    try {
      start = System.nanoTime();
      ok(compose("up -d"), 300);
      ok("./lab compose wait -p " + project + " --timeout 300", 330);
      System.out.printf("docker-compose up -d until every service is healthy: %.1f s%n", (System.nanoTime() - start) / 1e9);

      // from the host: the published API and DNS ports
      assertThat(ok("./lab grpcurl -plaintext 127.0.0.1:6443 list", 60).stdout()).contains("svclab.api.v1.Pods", "svclab.api.v1.Services");
      assertThat(ok("dig @127.0.0.1 -p 1053 +short kubernetes.default.svc.cluster.local", 60).stdout().trim()).isEqualTo("10.96.0.1");
      assertThat(ok("./lab get endpoints kubernetes", 60).stdout()).as("the advertise address, not 0.0.0.0")
          .containsPattern("kubernetes\\s+172\\.28\\.0\\.2:6443\\s");

      // seed 000's manifests through the published API
      ok("./lab apply -f " + SEED + "nginx-deployment.yaml -f " + SEED + "nginx-clusterip-service.yaml -f " + SEED
          + "nginx-nodeport-service.yaml -f " + SEED + "nginx-loadbalancer-service.yaml", 60);
      channel = ApiChannels.forTarget("127.0.0.1:6443");
      ResourceClient<Pod> pods = new ResourceClient<>(channel, ResourceKinds.PODS);
      ResourceClient<Service> services = new ResourceClient<>(channel, ResourceKinds.SERVICES);
      await().atMost(CEILING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(pods.listItems("default", "app=nginx")
          .stream().filter(ComposeLabTest::ready).map(p -> p.getSpec().getNodeName()).collect(Collectors.toSet()))
          .containsExactlyInAnyOrder("node-1", "node-2"));
      List<Pod> nginx = pods.listItems("default", "app=nginx");
      for (Pod p : nginx) {
        assertThat(p.getStatus().getPodIp()).as("a pod of %s", p.getSpec().getNodeName())
            .startsWith(p.getSpec().getNodeName().equals("node-1") ? "10.244.1." : "10.244.2.");
      }
      String clusterIp = services.get("default", "nginx-clusterip-service").getSpec().getClusterIp();
      await().atMost(CEILING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
          services.get("default", "nginx-loadbalancer-service").getStatus().getLoadBalancer().getIngressList()).isNotEmpty());
      String lbIp = services.get("default", "nginx-loadbalancer-service").getStatus().getLoadBalancer().getIngress(0).getIp();
      for (String node : List.of("node-1", "node-2")) {
        List<String> urls = new java.util.ArrayList<>(List.of("http://" + clusterIp + "/", "http://172.28.1.1:30080/",
            "http://172.28.1.2:30080/", "http://" + lbIp + "/"));
        nginx.forEach(p -> urls.add("http://" + p.getStatus().getPodIp() + "/"));  // both nodes' pods: cross-node too
        for (String url : urls) {
          await().atMost(CEILING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
              assertThat(curlFrom(node, url)).as("curl %s from %s", url, node).contains(WELCOME));
        }
      }
      assertThat(ok(compose("exec -T node-1 dig @10.96.0.10 +short nginx-clusterip-service.default.svc.cluster.local"), 60)
          .stdout().trim()).as("the Service name through the kube-dns ClusterIP").isEqualTo(clusterIp);

      // a node killed and started again: Ready with a fresh heartbeat, its pods serve again
      ok(compose("kill node-1"), 60);
      Instant started = Instant.now();
      ok(compose("start node-1"), 120);
      ResourceClient<Node> nodes = new ResourceClient<>(channel, ResourceKinds.NODES);
      await().atMost(CEILING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(nodes.get("", "node-1")
          .getStatus().getConditionsList()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Ready");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getLastHeartbeatTime().getSeconds()).isGreaterThanOrEqualTo(started.getEpochSecond());
          }));
      await().atMost(CEILING).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        List<Pod> onNode1 = pods.listItems("default", "app=nginx").stream()
            .filter(p -> p.getSpec().getNodeName().equals("node-1") && ready(p)).toList();
        assertThat(onNode1).isNotEmpty();
        for (Pod p : onNode1) {
          assertThat(curlFrom("node-2", "http://" + p.getStatus().getPodIp() + "/")).contains(WELCOME);
        }
      });

      // the apiserver restarted: the store is the named volume's, and every controller reconnects
      ResourceClient<Deployment> deployments = new ResourceClient<>(channel, ResourceKinds.DEPLOYMENTS);
      String uid = deployments.get("default", "nginx-deployment").getMetadata().getUid();
      ok(compose("restart apiserver"), 120);
      ok("./lab compose wait -p " + project + " --timeout 300", 330);
      await().atMost(CEILING).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
        assertThat(deployments.get("default", "nginx-deployment").getMetadata().getUid()).isEqualTo(uid);
        assertThat(services.get("default", "nginx-clusterip-service").getSpec().getClusterIp()).isEqualTo(clusterIp);
      });
      ok("./lab scale deployment nginx-deployment --replicas=3", 60);
      await().atMost(CEILING).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
        assertThat(pods.listItems("default", "app=nginx").stream().filter(ComposeLabTest::ready).toList()).hasSize(3);
        assertThat(ok("./lab get endpoints nginx-clusterip-service", 60).stdout())
            .containsPattern("10\\.244\\.\\d+\\.\\d+:80,10\\.244\\.\\d+\\.\\d+:80,10\\.244\\.\\d+\\.\\d+:80");
      });
    } finally {
      if (channel != null) {
        channel.shutdownNow();
      }
      Shell.Result logs = Shell.run(compose("ps"), 60);
      System.out.println(logs.stdout());
      ok(compose("down -v"), 300);
    }
    String label = "--filter label=com.docker.compose.project=" + project;
    assertThat(ok("docker ps -aq " + label, 60).stdout()).as("containers left").isBlank();
    assertThat(ok("docker network ls -q " + label, 60).stdout()).as("networks left").isBlank();
    assertThat(ok("docker volume ls -q " + label, 60).stdout()).as("volumes left").isBlank();
  }
}
