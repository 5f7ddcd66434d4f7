package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.e2e.harness.Lab;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** describe, get -w, logs, delete and the shared error wording, on the whole lab with seed 000 applied. */
class LabVerbsTest {
  static final String SEED = "cli/src/main/resources/demos/seed-000/";
  @TempDir Path data;

  /** stderr without the CLI JVM's own log lines (netty warns about a missing MAC address inside a bare netns). */
  static String messages(String stderr) {
    return stderr.lines().filter(l -> !l.matches("^\\d\\d:\\d\\d:\\d\\d\\.\\d+ .*")).map(l -> l + "\n")
        .reduce("", String::concat);
  }

  @Test
  void describeWatchLogsDeleteOnSeed000() throws Exception {
    try (LabProcess lab = LabProcess.up(data)) {
      // on a loaded machine `up` may report "not healthy yet" first: then wait for every process and both nodes
      lab.awaitLine("COMPONENT", 120);
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
        Shell.Result status = Shell.run("./lab status --data " + data, 30);
        assertThat(status.exitCode()).as(status.stdout()).isZero();
        assertThat(Shell.run("./lab get nodes", 30).stdout()).containsPattern("node-1\\s+Ready").containsPattern("node-2\\s+Ready");
      });
      Shell.Result applied = Shell.run("./lab apply -f " + SEED, 60);
      assertThat(applied.stdout()).as(applied.stderr()).contains("deployment.apps/nginx-deployment created",
          "service/nginx-loadbalancer-service created");

      // describe svc: kubectl's layout, the LB's address and the service-controller's Events from the Events API
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        Shell.Result d = Shell.run("./lab describe svc nginx-loadbalancer-service", 30);
        assertThat(d.exitCode()).as(d.stderr()).isZero();
        assertThat(d.stdout())
            .containsPattern("(?m)^Name:\\s{21}nginx-loadbalancer-service$")
            .containsPattern("(?m)^Type:\\s+LoadBalancer$")
            .containsPattern("(?m)^LoadBalancer Ingress:\\s+127\\.100\\.0\\.\\d+$")
            .containsPattern("(?m)^NodePort:\\s+<unset>  \\d+/TCP$")
            .containsPattern("(?m)^Endpoints:\\s+127\\.244\\.\\d+\\.\\d+:80,127\\.244\\.\\d+\\.\\d+:80$")
            .containsPattern("(?m)^External Traffic Policy:  Cluster$")
            .containsPattern("(?m)^  Type\\s+Reason\\s+Age\\s+From\\s+Message$")
            .containsPattern("(?m)^  Normal\\s+EnsuringLoadBalancer\\s+\\S+\\s+service-controller\\s+Ensuring load balancer$")
            .containsPattern("(?m)^  Normal\\s+EnsuredLoadBalancer\\s+\\S+\\s+service-controller\\s+Ensured load balancer$");
      });
      Shell.Result deploy = Shell.run("./lab describe deploy nginx-deployment", 30);
      assertThat(deploy.stdout()).as(deploy.stderr()).containsPattern("(?m)^Replicas:\\s+2 desired \\| \\d updated")
          .containsPattern("(?m)^NewReplicaSet:\\s+nginx-deployment-\\S+ \\(2/2 replicas created\\)$");

      // get -w: the table, then a row per change (here: the scale to 3), bounded by --request-timeout
      Process watch = new ProcessBuilder("bash", "-c", "SVCLAB_NO_BUILD=1 ./lab get deploy nginx-deployment -w --request-timeout=40s")
          .directory(Lab.root().toFile()).redirectErrorStream(true).start();
      List<String> watched = Collections.synchronizedList(new ArrayList<>());
      Thread pump = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(watch.getInputStream(), StandardCharsets.UTF_8))) {
          for (String l; (l = in.readLine()) != null; ) {
            watched.add(l);
          }
        } catch (java.io.IOException e) {
          // the process ended
        }
      });
      pump.setDaemon(true);
      pump.start();
      try {
        await().atMost(Duration.ofSeconds(60)).until(() -> watched.stream().anyMatch(l -> l.startsWith("NAME")));
        Shell.Result scaled = Shell.run("./lab scale deployment nginx-deployment --replicas=3", 30);
        assertThat(scaled.stdout()).as(scaled.stderr()).contains("deployment.apps/nginx-deployment scaled");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(List.copyOf(watched))
            .anyMatch(l -> l.matches("nginx-deployment\\s+\\d/3\\s+.*")));
        assertThat(watched.stream().filter(l -> l.startsWith("NAME")).count()).as("one header only: " + watched).isEqualTo(1);
      } finally {
        watch.destroy();
        watch.waitFor(10, TimeUnit.SECONDS);
      }

      // logs: a component's lines, and a pod's (nginx writes its access log to the container log)
      Shell.Result apiserverLog = Shell.run("./lab logs apiserver --tail 3 --data " + data, 30);
      assertThat(apiserverLog.exitCode()).as(apiserverLog.stderr()).isZero();
      assertThat(apiserverLog.stdout().lines().toList()).hasSize(3);
      Shell.Result wide = Shell.run("./lab get pods -o wide", 30);
      Matcher pod = Pattern.compile("(?m)^(nginx-deployment-\\S+)\\s+1/1\\s+Running\\s+\\d+\\s+\\S+\\s+(127\\.244\\.\\d+\\.\\d+)").matcher(wide.stdout());
      assertThat(pod.find()).as(wide.stdout()).isTrue();
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      assertThat(http.send(HttpRequest.newBuilder(URI.create("http://" + pod.group(2) + "/svclab-logs-test")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        Shell.Result podLog = Shell.run("./lab logs default/" + pod.group(1) + " --data " + data, 30);
        assertThat(podLog.stdout()).as(podLog.stderr()).contains("GET /svclab-logs-test HTTP/1.1");
      });

      // errors in the apiserver's Kubernetes words, shared by every verb
      Shell.Result invalid = Shell.run("echo '{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"bad\"},"
          + "\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":80}]}}' | ./lab apply -f -", 30);
      assertThat(invalid.exitCode()).isEqualTo(1);
      assertThat(messages(invalid.stderr())).startsWith("The Service \"bad\" is invalid: spec.ports[0].nodePort: Invalid value: 80: ");

      // delete TYPE NAME, then NotFound for the same, then delete -f for the rest
      Shell.Result deleted = Shell.run("./lab delete svc nginx-clusterip-service", 60);
      assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
      assertThat(deleted.stdout()).isEqualTo("service \"nginx-clusterip-service\" deleted\n");
      Shell.Result again = Shell.run("./lab delete svc nginx-clusterip-service", 60);
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(messages(again.stderr())).isEqualTo("Error from server (NotFound): services \"nginx-clusterip-service\" not found\n");
      Shell.Result byFile = Shell.run("./lab delete -f " + SEED, 90);
      assertThat(byFile.exitCode()).as("the ClusterIP Service was already gone").isEqualTo(1);
      assertThat(byFile.stdout()).contains("deployment.apps \"nginx-deployment\" deleted", "service \"nginx-loadbalancer-service\" deleted",
          "service \"nginx-nodeport-service\" deleted");
      Shell.Result none = Shell.run("./lab get svc", 30);
      assertThat(none.stdout()).doesNotContain("nginx-");
      Shell.Result describeGone = Shell.run("./lab describe svc nginx-nodeport-service", 30);
      assertThat(describeGone.exitCode()).isEqualTo(1);
      assertThat(describeGone.stderr()).contains("Error from server (NotFound): services \"nginx-nodeport-service\" not found");
      lab.terminateGroup(120);
    }
  }
}
