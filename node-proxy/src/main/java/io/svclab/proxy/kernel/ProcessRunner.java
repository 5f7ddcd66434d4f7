package io.svclab.proxy.kernel;

import io.svclab.client.process.BoundedRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@link CommandRunner} as child processes in the proxy's own network namespace (client's
 * {@link BoundedRun}): every run is bounded by {@code timeout}; stdout and stderr are captured whole.
 */
public final class ProcessRunner implements CommandRunner {
  private final Duration timeout;

  public ProcessRunner(Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public Result run(String stdin, List<String> command) {
    BoundedRun.Outcome o = BoundedRun.run(command, Map.of(), stdin, timeout);
    return switch (o.ending()) {
      case EXITED -> new Result(command, o.exitCode(), o.stdout(), o.stderr());
      case NOT_STARTED -> new Result(command, -1, "", o.stderr());
      case TIMED_OUT -> new Result(command, -1, "", "did not finish within " + timeout.toMillis() + " ms");
      case INTERRUPTED -> new Result(command, -1, "", "interrupted");
    };
  }
}
