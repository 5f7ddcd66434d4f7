package io.svclab.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.svclab.e2e.harness.LabProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15 item 6: kill -9 of {@code ./lab up} leaves no component behind; the next up starts normally. */
class DeadSupervisorTest {
  @TempDir Path data;

  @Test
  void componentsFollowTheirSupervisorAndTheNextUpStarts() throws Exception {
    List<Long> children;
    try (LabProcess lab = LabProcess.up(data)) {
      lab.awaitLine("LISTENS", 240);
      children = Files.readAllLines(data.resolve("processes.tsv")).stream()
          .map(l -> Long.parseLong(l.split("\t")[1])).toList();
      ProcessHandle.of(lab.pid()).ifPresent(ProcessHandle::destroyForcibly);
      // a ceiling for a loaded machine, not a timing claim (the poll is 0.5 s, the stop budget 2 s)
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
          assertThat(children).noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
    }
    try (LabProcess again = LabProcess.up(data)) {
      again.awaitLine("LISTENS", 240);
      assertThat(again.console()).noneMatch(l -> l.contains("already in use"));
      again.terminateGroup(120);
    }
  }
}
