package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.e2e.harness.Lab;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's tour exactly as written, against a lab started as `./lab up` would. */
class ReadmeTourTest {
  @TempDir Path data;

  static List<String> tourCommands() throws Exception {
    List<String> lines = Files.readAllLines(Lab.root().resolve("README.md"));
    int from = lines.indexOf("<!-- tour -->");
    int to = lines.indexOf("<!-- /tour -->");
    assertThat(from).as("README has a tour block").isGreaterThanOrEqualTo(0);
    List<String> commands = new ArrayList<>();
    for (String l : lines.subList(from + 1, to)) {
      if (l.startsWith("./lab") || l.startsWith("curl ") || l.startsWith("dig ")) {
        commands.add(l);
      }
    }
    return commands;
  }

  @Test
  void tourWorksAsWritten() throws Exception {
    List<String> commands = tourCommands();
    assertThat(commands).hasSize(19);
    try (LabProcess lab = LabProcess.up(data)) {
      lab.awaitLine("svclab is up in", 300);
      List<Shell.Result> results = new ArrayList<>();
      for (String c : commands) {
        // the tour's ./lab status reads the default data dir; point it at this lab's
        String line = c.equals("./lab status") ? c + " --data " + data : c;
        results.add(Shell.run(line, 60));
      }
      assertThat(results.get(0).exitCode()).as(results.get(0).stderr()).isZero();
      assertThat(results.get(0).stdout()).containsPattern("apiserver\\s+\\d+\\s+healthy")
          .containsPattern("endpoints-controller\\s+\\d+\\s+healthy");
      assertThat(results.get(1).stdout()).contains("svclab.api.v1.Services", "svclab.api.v1.EndpointSlices");
      assertThat(results.get(2).stdout()).contains("\"clusterIP\": \"127.96.", "\"type\": \"ClusterIP\"",
          "\"sessionAffinity\": \"None\"");
      assertThat(results.get(3).stdout()).contains("\"name\": \"web\"");
      assertThat(results.get(4).exitCode()).as(results.get(4).stderr()).isZero();
      Shell.Result watch = results.get(5);
      assertThat(watch.stdout()).contains("\"type\": \"ADDED\"", "\"kubernetes.io/service-name\": \"web\"");
      assertThat(watch.stderr()).contains("Code: DeadlineExceeded");
      Shell.Result bad = results.get(6);
      assertThat(bad.exitCode()).isEqualTo(64 + 3);
      assertThat(bad.stderr()).contains("Message: Service \"bad\" is invalid: spec.ports[0].nodePort: Invalid value: 80: "
          + "provided port is not in the valid range. The range of valid ports is 30000-32767");
      assertThat(results.get(7).stdout()).contains("deployment.apps/nginx-deployment created",
          "service/nginx-clusterip-service created", "service/nginx-nodeport-service created",
          "service/nginx-loadbalancer-service created");
      assertThat(results.get(8).stdout()).contains("NAME", "READY", "STATUS", "IP", "NODE");
      assertThat(results.get(9).stdout()).containsPattern("nginx-nodeport-service\\s+NodePort\\s+\\S+\\s+<none>\\s+80:30080/TCP")
          .contains("nginx-loadbalancer-service");
      assertThat(results.get(10).stdout()).contains("NAME", "ENDPOINTS");
      assertThat(results.get(11).stdout()).as("curl NodePort").contains("Welcome to nginx!");
      assertThat(results.get(12).stdout()).as("curl LoadBalancer IP").contains("Welcome to nginx!");
      assertThat(results.get(13).stdout().trim()).isEqualTo("127.96.0.1");
      assertThat(results.get(14).stdout().trim()).isEqualTo("deployment.apps/nginx-deployment scaled");
      assertThat(results.get(15).stdout()).as(results.get(15).stderr())
          .containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE")
          .containsPattern("nginx-deployment\\s+\\d/3\\s");
      assertThat(results.get(16).stdout()).as(results.get(16).stderr())
          .containsPattern("nginx-deployment-\\S+\\s+1/1\\s+Running");
      assertThat(results.get(17).stdout()).as(results.get(17).stderr())
          .containsPattern("Type:\\s+LoadBalancer").containsPattern("NodePort:\\s+<unset>\\s+\\d+/TCP")
          .containsPattern("LoadBalancer Ingress:\\s+127\\.100\\.0\\.\\d+")
          .containsPattern("Endpoints:\\s+127\\.244\\.")
          .contains("EnsuringLoadBalancer", "EnsuredLoadBalancer");
      assertThat(results.get(18).stdout()).as(results.get(18).stderr())
          .containsPattern("nginx-clusterip-service-\\S+\\s+IPv4\\s+80\\s+127\\.244\\.");
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).untilAsserted(() ->
          assertThat(Shell.run("./lab get endpoints web", 30).stdout())
              .containsPattern("web\\s+(127\\.244\\.\\d+\\.\\d+:80,){2}127\\.244\\.\\d+\\.\\d+:80\\s"));
      assertThat(Shell.run("./lab get pods -o wide", 30).stdout()).contains("node-1", "node-2");
      lab.terminateGroup(120);
    }
  }
}
