package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.api.v1.Lease;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: {@code ./lab up} at default verbosity shows what a learner wants (a Service created,
 * its LoadBalancer IP, a pod Ready, a process restarted) and none of the routine lines (Lease
 * renewals, status writes, repeated Events, per-watch-event lines); the log files are unchanged.
 */
class QuietConsoleTest {
  @TempDir Path data;

  /** Lease writes (the apiserver's, node-agent's) and the per-request/per-event lines that bury the rest. */
  static final List<Pattern> ROUTINE = List.of(
      Pattern.compile("Registry: \\w+ Lease "),
      Pattern.compile("lease \\S+/\\S+ created"),
      Pattern.compile("Registry: updated \\w+ status "),
      Pattern.compile(": updated status of "),
      Pattern.compile("Registry: \\w+ Event "),
      Pattern.compile("\\(count \\d+\\)"),
      Pattern.compile("Informer: \\w+ (ADD|UPDATE|DELETE)\\w* "));

  static long count(List<String> console, Predicate<String> p) {
    return console.stream().filter(p).count();
  }

  @Test
  void consoleShowsWhatALearnerNeedsAndNoRoutineLines() throws Exception {
    try (LabProcess lab = LabProcess.up(data)) {
      lab.awaitLine("LISTENS", 240);  // the table: up, or "not healthy yet" on a loaded machine (apply waits)
      Shell.Result applied = Shell.run("./lab apply -f cli/src/main/resources/demos/seed-000/nginx-deployment.yaml"
          + " -f cli/src/main/resources/demos/seed-000/nginx-loadbalancer-service.yaml", 180);
      assertThat(applied.exitCode()).as(applied.stdout() + applied.stderr()).isZero();
      lab.awaitLine("Registry: created Service default/", 180);
      lab.awaitLine("from pool", 180);  // cloud-lb: assigned <ip> from pool ...
      lab.awaitLine(": Ready on node-", 180);  // node-agent: pod default/nginx-...: Ready on node-N <ip>

      long proxyPid = Files.readAllLines(data.resolve("processes.tsv")).stream()
          .filter(l -> l.startsWith("node-proxy-2\t")).mapToLong(l -> Long.parseLong(l.split("\t")[1])).findFirst()
          .orElseThrow();
      ProcessHandle.of(proxyPid).ifPresent(ProcessHandle::destroyForcibly);
      lab.awaitLine("node-proxy-2 restarted", 120);

      // Observed through the API, not assumed from a sleep: node-1 renews its Lease several times meanwhile.
      var channel = ApiChannels.forTarget("127.0.0.1:6443");
      ResourceClient<Lease> leases = new ResourceClient<>(channel, ResourceKinds.LEASES);
      Set<String> renewals = ConcurrentHashMap.newKeySet();
      await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
        renewals.add(leases.get("kube-node-lease", "node-1").getMetadata().getResourceVersion());
        return renewals.size() >= 4;
      });
      channel.shutdownNow();
      List<String> console = lab.console();
      for (Pattern routine : ROUTINE) {
        assertThat(console).as("routine lines matching " + routine).noneMatch(l -> routine.matcher(l).find());
      }
      assertThat(count(console, l -> l.contains("started leading"))).isGreaterThanOrEqualTo(3);
      assertThat(lab.terminateGroup(120)).isIn(0, 143);
    }
    // The component log files keep INFO: the learner's lines, still no DEBUG.
    String apiLog = Files.readString(data.resolve("logs/apiserver.log"));
    assertThat(apiLog).contains("Registry: created Service default/nginx-loadbalancer-service").doesNotContain(" DEBUG ");
  }

  @Test
  void verboseShowsLeaseRenewals() throws Exception {
    try (LabProcess lab = LabProcess.up(data, "-v")) {
      lab.awaitLine("Registry: updated Lease kube-node-lease/node-", 240);
      assertThat(lab.terminateGroup(120)).isIn(0, 143);
    }
  }
}
