package io.svclab.cli.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassDataSharingTest {
  @TempDir Path dir;

  private Path file(String name, Instant modified) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, name);
    Files.setLastModifiedTime(p, FileTime.from(modified));
    return p;
  }

  @Test
  void noArchiveMeansChildrenRecordTheirClasses() throws Exception {
    Path jar = file("a.jar", Instant.parse("2026-01-01T00:00:00Z"));
    ClassDataSharing cds = new ClassDataSharing(dir.resolve("cds"), jar.toString());
    assertThat(cds.archived()).isFalse();
    assertThat(cds.childOptions("apiserver"))
        .containsExactly("-XX:DumpLoadedClassList=" + dir.resolve("cds").resolve("apiserver.classlist"));
  }

  @Test
  void anArchiveNewerThanEveryJarIsMapped() throws Exception {
    Path a = file("a.jar", Instant.parse("2026-01-01T00:00:00Z"));
    Path b = file("b.jar", Instant.parse("2026-01-02T00:00:00Z"));
    Files.createDirectories(dir.resolve("cds"));
    Path archive = dir.resolve("cds").resolve("lab.jsa");
    Files.writeString(archive, "x");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
    ClassDataSharing cds = new ClassDataSharing(dir.resolve("cds"), a + ":" + b);
    assertThat(cds.archived()).isTrue();
    assertThat(cds.childOptions("apiserver")).contains("-XX:SharedArchiveFile=" + archive);
  }

  @Test
  void aJarRebuiltAfterTheArchiveRetiresIt() throws Exception {
    Path a = file("a.jar", Instant.parse("2026-01-01T00:00:00Z"));
    Path rebuilt = file("b.jar", Instant.parse("2026-01-05T00:00:00Z"));
    Path archive = file("lab.jsa", Instant.parse("2026-01-03T00:00:00Z"));
    assertThat(ClassDataSharing.archiveIsCurrent(archive, a + ":" + rebuilt)).isFalse();
    assertThat(ClassDataSharing.archiveIsCurrent(archive, a.toString())).isTrue();
  }

  @ParameterizedTest(name = "{0}: SVCLAB_CLASS_DATA={1} -> on {2}")
  @CsvSource(nullValues = "NULL", value = {
      "unset, NULL, true",
      "empty, '', true",
      "on, on, true",
      "off, off, false",
      "off in capitals, OFF, false",
      "zero, 0, false",
      "false, false, false",
      "no, no, false"})
  void theSwitchTurnsTheArchiveOff(String name, String value, boolean on) {
    assertThat(ClassDataSharing.enabledBy(value)).isEqualTo(on);
  }

  @Test
  void switchedOffNeitherMapsNorRecords() throws Exception {
    Path a = file("a.jar", Instant.parse("2026-01-01T00:00:00Z"));
    Files.createDirectories(dir.resolve("cds"));
    Path archive = dir.resolve("cds").resolve("lab.jsa");
    Files.writeString(archive, "x");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-01-03T00:00:00Z")));
    ClassDataSharing cds = new ClassDataSharing(dir.resolve("cds"), a.toString(), false);
    assertThat(cds.archived()).isFalse();
    assertThat(cds.childOptions("apiserver")).isEmpty();
  }
}
