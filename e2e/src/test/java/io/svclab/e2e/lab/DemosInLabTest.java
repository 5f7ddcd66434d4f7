package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance 4 of issue 10: every `./lab demo`, one after another, as real processes on one lab. */
class DemosInLabTest {
  static final List<String> DEMOS = List.of("clusterip", "nodeport", "loadbalancer", "headless", "externalname", "dns",
      "readiness", "affinity", "namespaces", "debugging");

  @TempDir Path data;

  @Test
  void everySeedDemoPassesOnOneLab() throws Exception {
    Shell.Result list = Shell.run("./lab demo", 60);
    assertThat(list.exitCode()).isZero();
    for (String name : DEMOS) {
      assertThat(list.stdout()).as(list.stdout()).containsPattern("(?m)^  " + name + "\\s+\\S.*$");
    }
    assertThat(list.stdout().lines().filter(l -> l.startsWith("  ")).count()).isEqualTo(DEMOS.size());
    assertThat(Shell.run("./lab demo no-such-demo", 60).exitCode()).isEqualTo(1);

    try (LabProcess lab = LabProcess.up(data)) {
      lab.awaitLine("svclab is up in", 300);  // generous: the machine is shared
      try {
        for (String name : DEMOS) {
          Shell.Result r = Shell.run("./lab demo " + name + " --data " + data, 240);
          System.out.println(r.stdout().lines().reduce((a, b) -> b).orElse(""));
          assertThat(r.exitCode()).as("./lab demo " + name + "\n" + r.stdout() + r.stderr()).isZero();
          assertThat(r.stdout()).contains("demo " + name + " passed: ", "ok: everything this demo created is gone");
        }
        // a demo that fails says what differed and exits 1: without the data dir it cannot see inside pods
        Shell.Result blind = Shell.run("./lab demo clusterip --data " + data.resolve("elsewhere"), 120);
        assertThat(blind.exitCode()).as(blind.stdout()).isEqualTo(1);
        assertThat(blind.stdout()).contains("demo clusterip FAILED", "root filesystem");
      } finally {
        lab.terminateGroup(120);
      }
    }
  }
}
