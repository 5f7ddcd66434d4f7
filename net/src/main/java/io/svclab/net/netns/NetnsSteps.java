package io.svclab.net.netns;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Carries a plan of {@link NetnsStep}s out, in order, stopping at the first that fails. */
public final class NetnsSteps {
  private NetnsSteps() {}

  /**
   * @param run runs one command line and says why it failed (empty when it succeeded); client's
   *     {@code BoundedRun.failure} in the lab and node-agent
   * @return why the first failing step failed; empty when all succeeded
   */
  public static Optional<String> apply(List<NetnsStep> steps, Function<List<String>, Optional<String>> run) {
    for (NetnsStep step : steps) {
      Optional<String> failed = run.apply(step.argv());
      if (failed.isPresent()) {
        return failed;
      }
    }
    return Optional.empty();
  }

  /** The namespace names in {@code ip netns list} output ({@code NAME} or {@code NAME (id: N)} per line). */
  public static List<String> parseList(String output) {
    return output.lines().map(String::strip).filter(l -> !l.isEmpty()).map(l -> l.split("\\s+")[0]).toList();
  }
}
