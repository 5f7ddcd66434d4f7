package io.svclab.cli.running;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabChoiceTest {
  private static final Path DEFAULT = Path.of("/src/svclab/.lab");
  private static final RunningLab ON_DEFAULT = new RunningLab(100, DEFAULT, 1_000);
  private static final RunningLab ON_X = new RunningLab(200, Path.of("/tmp/x"), 2_000);
  private static final RunningLab ON_Y = new RunningLab(300, Path.of("/tmp/y"), 3_000);

  record Case(Path explicit, List<RunningLab> running, Path expected, String noteStart, String refusal) {
    Case(Path explicit, List<RunningLab> running, Path expected, String noteStart) {
      this(explicit, running, expected, noteStart, null);
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of(named("--data wins over a running lab",
            new Case(Path.of("/tmp/z"), List.of(ON_X), Path.of("/tmp/z"), null))),
        Arguments.of(named("nothing running: the default dir, nothing said",
            new Case(null, List.of(), DEFAULT, null))),
        Arguments.of(named("the default lab running alone: nothing said",
            new Case(null, List.of(ON_DEFAULT), DEFAULT, null))),
        Arguments.of(named("one lab started with --data: found, and named",
            new Case(null, List.of(ON_X), Path.of("/tmp/x"), "svclab: using the lab running on /tmp/x (pid 200)"))),
        Arguments.of(named("the default and another: the default, and the other named",
            new Case(null, List.of(ON_X, ON_DEFAULT), DEFAULT, "svclab: 2 labs are running; using /src/svclab/.lab (pid 100); also running: /tmp/x (pid 200)"))),
        Arguments.of(named("two labs off the default: the newest, and the other named",
            new Case(null, List.of(ON_Y, ON_X), Path.of("/tmp/y"), "svclab: 2 labs are running; using /tmp/y (pid 300); also running: /tmp/x (pid 200)",
                "svclab: 2 labs are running (/tmp/y (pid 300), /tmp/x (pid 200)); say which with --data DIR"))));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void choosesTheLab(Case c) {
    LabChoice choice = LabChoice.choose(c.explicit(), DEFAULT, c.running());
    assertThat(choice.dataDir()).isEqualTo(c.expected());
    if (c.noteStart() == null) {
      assertThat(choice.note()).isEqualTo(Optional.empty());
    } else {
      assertThat(choice.note()).hasValueSatisfying(n -> assertThat(n).startsWith(c.noteStart()));
    }
    assertThat(choice.refusal()).isEqualTo(Optional.ofNullable(c.refusal()));
  }
}
