package io.svclab.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dead lab's recorded processes are stopped only while they are still that component. */
class LeftoversTest {
  @TempDir Path data;

  @Test
  void stopsTheRecordedComponentAndLeavesAReusedPidAlone() throws Exception {
    // "sh -c ... NAME": the marker is the process's own command line, as a component's -D option is
    Process component = new ProcessBuilder("sh", "-c", "sleep 30; true", "-Dsvclab.component=dns-server").start();
    long self = ProcessHandle.current().pid();  // recorded as "apiserver", but it is not: a reused pid
    Files.writeString(data.resolve("processes.tsv"), "apiserver\t" + self + "\thttp://x\tx\t0\n"
        + "dns-server\t" + component.pid() + "\thttp://x\tx\t0\n");

    assertThat(Leftovers.stop(data)).containsExactly(component.pid());
    assertThat(component.waitFor(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.current().isAlive()).isTrue();
  }

  @Test
  void nothingRecordedNothingStopped() throws Exception {
    assertThat(Leftovers.stop(data)).isEmpty();
  }
}
