package io.svclab.cli.running;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which lab a verb talks to, decided from what is known, not looked up: an explicit {@code --data}
 * wins; else a running lab (the default one if it runs, else the newest); else the default dir,
 * where the verb will say that no lab runs. {@code note} is the line that says which lab was
 * chosen whenever that is not obvious (not the default, or more than one running).
 * {@code refusal} is present when several labs run and none is the default: a verb that stops a
 * lab prints it instead of guessing.
 */
public record LabChoice(Path dataDir, Optional<String> note, Optional<String> refusal) {

  public static LabChoice choose(Path explicit, Path defaultDir, List<RunningLab> running) {
    if (explicit != null) {
      return new LabChoice(explicit, Optional.empty(), Optional.empty());
    }
    Optional<RunningLab> onDefault = running.stream().filter(l -> l.dataDir().equals(defaultDir)).findFirst();
    RunningLab chosen = onDefault.orElseGet(() -> running.stream()
        .max(Comparator.comparingLong(RunningLab::startedAtMillis).thenComparingLong(RunningLab::pid)).orElse(null));
    if (chosen == null) {
      return new LabChoice(defaultDir, Optional.empty(), Optional.empty());
    }
    if (running.size() == 1) {
      return new LabChoice(chosen.dataDir(), chosen.dataDir().equals(defaultDir) ? Optional.empty()
          : Optional.of("svclab: using the lab running on " + chosen.dataDir() + " (pid " + chosen.pid() + ")"),
          Optional.empty());
    }
    String others = running.stream().filter(l -> l != chosen).map(LabChoice::named).collect(Collectors.joining(", "));
    String all = running.stream().map(LabChoice::named).collect(Collectors.joining(", "));
    return new LabChoice(chosen.dataDir(), Optional.of("svclab: " + running.size() + " labs are running; using "
        + named(chosen) + "; also running: " + others + "; --data DIR picks one"),
        onDefault.isPresent() ? Optional.empty() : Optional.of("svclab: " + running.size() + " labs are running ("
            + all + "); say which with --data DIR"));
  }

  private static String named(RunningLab lab) {
    return lab.dataDir() + " (pid " + lab.pid() + ")";
  }
}
