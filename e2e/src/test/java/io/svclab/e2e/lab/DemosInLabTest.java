package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 4 of issue 10: every `./lab demo`, one after another, as real processes on one lab.
 * Issue 15 item 3: the lab is started with {@code --data}, the verbs run without it and find it.
 */
class DemosInLabTest {
  static final List<String> DEMOS = List.of("clusterip", "nodeport", "loadbalancer", "headless", "externalname", "dns",
      "readiness", "affinity", "namespaces", "debugging");

  @TempDir Path data;
  @TempDir Path labRecords;

  @Test
  void everySeedDemoPassesOnOneLab() throws Exception {
    Shell.Result list = Shell.run("./lab demo", 60);
    assertThat(list.exitCode()).isZero();
    for (String name : DEMOS) {
      assertThat(list.stdout()).as(list.stdout()).containsPattern("(?m)^  " + name + "\\s+\\S.*$");
    }
    assertThat(list.stdout().lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(DEMOS.size());
    assertThat(Shell.run("./lab demo no-such-demo", 60).exitCode()).isEqualTo(1);

    String env = "SVCLAB_LABS_DIR=" + labRecords + " ";
    try (LabProcess lab = LabProcess.up(data, Map.of("SVCLAB_LABS_DIR", labRecords.toString()))) {
      try {
        // a demo run while the lab is still starting waits for it instead of failing half-way (issue 15 item 5)
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(data.resolve("lab.pid")));
        Shell.Result early = Shell.run(env + "./lab demo " + DEMOS.get(0), 600);
        System.out.println("first demo, started with the lab: " + early.stderr().lines()
            .filter(l -> l.contains("still starting")).findFirst().orElse("(the lab was ready)"));
        assertThat(early.exitCode()).as(early.stdout() + early.stderr()).isZero();
        lab.awaitLine("svclab is up in", 300);  // generous: the machine is shared
        String using = "svclab: using the lab running on " + data.toAbsolutePath().normalize() + " (pid ";
        Shell.Result status = Shell.run(env + "./lab status", 60);
        assertThat(status.exitCode()).as(status.stdout() + status.stderr()).isZero();
        assertThat(status.stdout()).containsPattern("(?m)^apiserver\\s+\\d+\\s+healthy");
        assertThat(status.stderr()).contains(using);
        Shell.Result logs = Shell.run(env + "./lab logs apiserver --tail 5", 60);
        assertThat(logs.exitCode()).as(logs.stderr()).isZero();
        assertThat(logs.stdout()).isNotBlank();
        for (String name : DEMOS.subList(1, DEMOS.size())) {
          Shell.Result r = Shell.run(env + "./lab demo " + name, 240);
          System.out.println(r.stdout().lines().reduce((a, b) -> b).orElse(""));
          assertThat(r.exitCode()).as("./lab demo " + name + "\n" + r.stdout() + r.stderr()).isZero();
          assertThat(r.stdout()).contains("demo " + name + " passed: ", "ok: everything this demo created is gone");
          assertThat(r.stderr()).contains(using);
        }
        // a demo that fails says what differed and exits 1: without the data dir it has no kubeconfig to exec into pods
        Shell.Result blind = Shell.run("./lab demo clusterip --data " + data.resolve("elsewhere"), 120);
        assertThat(blind.exitCode()).as(blind.stdout()).isEqualTo(1);
        assertThat(blind.stdout()).contains("demo clusterip FAILED", "kubeconfig");
      } finally {
        lab.terminateGroup(120);
      }
    }
  }
}
