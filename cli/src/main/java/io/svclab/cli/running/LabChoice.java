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
 */
public record LabChoice(Path dataDir, Optional<String> note) {

  public static LabChoice choose(Path explicit, Path defaultDir, List<RunningLab> running) {
    if (explicit != null) {
      return new LabChoice(explicit, Optional.empty());
    }
    Optional<RunningLab> onDefault = running.stream().filter(l -> l.dataDir().equals(defaultDir)).findFirst();
    RunningLab chosen = onDefault.orElseGet(() -> running.stream()
        .max(Comparator.comparingLong(RunningLab::startedAtMillis).thenComparingLong(RunningLab::pid)).orElse(null));
    if (chosen == null) {
      return new LabChoice(defaultDir, Optional.empty());
    }
    if (running.size() == 1) {
      return new LabChoice(chosen.dataDir(), chosen.dataDir().equals(defaultDir) ? Optional.empty()
          : Optional.of("svclab: using the lab running on " + chosen.dataDir() + " (pid " + chosen.pid() + ")"));
    }
    String others = running.stream().filter(l -> l != chosen).map(l -> l.dataDir() + " (pid " + l.pid() + ")")
        .collect(Collectors.joining(", "));
    return new LabChoice(chosen.dataDir(), Optional.of("svclab: " + running.size() + " labs are running; using "
        + chosen.dataDir() + " (pid " + chosen.pid() + "); also running: " + others + "; --data DIR picks one"));
  }
}
