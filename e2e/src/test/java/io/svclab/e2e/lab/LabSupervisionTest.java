package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.e2e.harness.LabProcess;
import io.svclab.e2e.harness.Shell;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./lab up} keeps the lab alive: kill -9 of any one process, and the supervisor restarts it
 * and every health endpoint answers 200 again (issue #10, acceptance 6). The recovery times are
 * printed, not asserted: a busy machine is slower, not broken.
 */
class LabSupervisionTest {
  /** A ceiling against a hang, not a speed goal: recovery times are printed (and start times are `./lab bench start`). */
  private static final Duration CEILING = Duration.ofSeconds(120);

  @TempDir Path data;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void everyProcessKilledWithSigkillIsRestartedAndTheLabHealthyAgain() throws Exception {
    try (LabProcess lab = LabProcess.up(data)) {
      String ready = lab.awaitLine("svclab is up in", 300);
      assertThat(ready).matches(".*svclab is up in \\d+\\.\\d s.*");
      await().atMost(CEILING).until(this::allHealthy);

      List<String> recoveries = new ArrayList<>();
      for (String component : processes().keySet()) {
        long pid = processes().get(component).pid();
        long killedAt = System.nanoTime();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        long deadline = killedAt + CEILING.toNanos();
        boolean back = false;
        while (System.nanoTime() < deadline) {
          Proc now = processes().get(component);
          if (now.pid() != pid && allHealthy()) {
            back = true;
            break;
          }
          Thread.sleep(50);
        }
        double took = (System.nanoTime() - killedAt) / 1e9;
        assertThat(back).as("%s (pid %d) restarted and the lab healthy within %s; waited %.1f s; console tail:%n%s",
            component, pid, CEILING, took, String.join("\n", tail(lab.console(), 20))).isTrue();
        recoveries.add(String.format("%s %.1f s", component, took));
        // the console says which process, and what it wrote last (issue 15 item 5)
        assertThat(lab.console()).anyMatch(l -> l.contains(component + " exited (code 137); restarting in ")
            && l.contains("; its last log line: "));
      }
      System.out.println("kill -9 recoveries: " + recoveries);

      Shell.Result status = Shell.run("./lab status --data " + data, 30);
      assertThat(status.exitCode()).as(status.stdout() + status.stderr()).isZero();
      lab.terminateGroup(120);
    }
  }

  private record Proc(long pid, String healthUrl) {}

  private Map<String, Proc> processes() throws IOException {
    Map<String, Proc> byName = new LinkedHashMap<>();
    for (String line : Files.readAllLines(data.resolve("processes.tsv"))) {
      String[] f = line.split("\t");
      byName.put(f[0], new Proc(Long.parseLong(f[1]), f[2]));
    }
    return byName;
  }

  private boolean allHealthy() throws IOException, InterruptedException {
    for (Proc p : processes().values()) {
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(p.healthUrl())).timeout(Duration.ofSeconds(5))
            .build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 200) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  private static List<String> tail(List<String> lines, int n) {
    return lines.subList(Math.max(0, lines.size() - n), lines.size());
  }
}
