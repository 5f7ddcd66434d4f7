package io.svclab.cli.running;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunningLabsTest {
  @TempDir Path records;
  @TempDir Path data;

  @Test
  void aLiveLauncherThatOwnsItsDataDirIsListed() throws Exception {
    long me = ProcessHandle.current().pid();
    Files.writeString(data.resolve("lab.pid"), Long.toString(me));
    RunningLabs labs = new RunningLabs(records);
    labs.record(me, data, 42);
    assertThat(labs.list()).containsExactly(new RunningLab(me, data.toAbsolutePath().normalize(), 42));
    labs.forget(me);
    assertThat(labs.list()).isEmpty();
  }

  @Test
  void aDeadLauncherIsDroppedWithItsRecord() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Files.writeString(data.resolve("lab.pid"), Long.toString(gone.pid()));
    RunningLabs labs = new RunningLabs(records);
    labs.record(gone.pid(), data, 1);
    assertThat(labs.list()).isEmpty();
    assertThat(records.resolve(Long.toString(gone.pid()))).doesNotExist();
  }

  @Test
  void aLivePidThatNoLongerOwnsTheDataDirIsNotTheLab() throws Exception {
    long me = ProcessHandle.current().pid();
    Files.writeString(data.resolve("lab.pid"), Long.toString(me + 1));  // another launcher took the dir
    RunningLabs labs = new RunningLabs(records);
    labs.record(me, data, 1);
    assertThat(labs.list()).isEmpty();
  }
}
