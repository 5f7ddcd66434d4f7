package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.api.v1.Service;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./lab up}: starts, reports, refuses a second lab, stops cleanly on SIGTERM, resumes its state. */
class LabUpTest {
  @TempDir Path data;

  @Test
  void upStatusStopAndResume() throws Exception {
    String clusterIp;
    try (LabProcess lab = LabProcess.up(data)) {
      String ready = lab.awaitLine("svclab is up in", 300);
      assertThat(ready).matches(".*svclab is up in \\d+\\.\\d s.*");
      assertThat(lab.console()).anyMatch(l -> l.startsWith("apiserver") && l.contains("grpc 127.0.0.1:6443"));
      assertThat(Files.readString(data.resolve("kubeconfig"))).contains("server: https://127.0.0.1:6444");

      Shell.Result status = Shell.run("./lab status --data " + data, 30);
      assertThat(status.exitCode()).as(status.stdout() + status.stderr()).isZero();
      assertThat(status.stdout()).containsPattern("apiserver\\s+\\d+\\s+healthy");

      Shell.Result second = Shell.run("./lab up --data " + data, 30);
      assertThat(second.exitCode()).isEqualTo(1);
      assertThat(second.stderr()).contains("a lab is already running on " + data);

      var channel = ApiChannels.forTarget("127.0.0.1:6443");
      Service svc = new ResourceClient<>(channel, ResourceKinds.SERVICES)
          .create(io.svclab.e2e.api.ApiServerApiTestAccess.svc("resume-me"));
      clusterIp = svc.getSpec().getClusterIp();
      channel.shutdownNow();

      List<Long> children = Files.readAllLines(data.resolve("processes.tsv")).stream()
          .map(l -> Long.parseLong(l.split("\t")[1])).toList();
      assertThat(lab.terminateGroup(120)).as("exit code: 0, or 143 for a JVM ended by SIGTERM").isIn(0, 143);
      for (long pid : children) {
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("child " + pid + " stopped").isFalse();
      }
      assertThat(Files.exists(data.resolve("lab.pid"))).isFalse();
      assertThat(String.join("\n", Files.readAllLines(data.resolve("logs/apiserver.log")))).contains("apiserver stopped in");
      // every component ran its shutdown sequence to the end and said so; whether each step fit its share of
      // the 2 s budget ("not cleanly: ...") depends on how busy the machine is, so it is printed, not asserted
      for (String component : List.of("endpoints-controller", "workload-controller", "node-agent-1", "node-agent-2")) {
        String log = String.join("\n", Files.readAllLines(data.resolve("logs/" + component + ".log")));
        assertThat(log).as(component + " log").containsPattern("stopped in \\d+ ms");
        log.lines().filter(l -> l.contains("stopped in")).forEach(System.out::println);
      }
    }
    try (LabProcess again = LabProcess.up(data)) {
      again.awaitLine("svclab is up in", 300);
      var channel = ApiChannels.forTarget("127.0.0.1:6443");
      Service svc = new ResourceClient<>(channel, ResourceKinds.SERVICES).get("default", "resume-me");
      assertThat(svc.getSpec().getClusterIp()).isEqualTo(clusterIp);
      channel.shutdownNow();
      again.terminateGroup(120);
    }
  }
}
