package io.svclab.node.probes;

import io.svclab.node.env.ContainerEnvironment;
import io.svclab.node.shell.ShellContext;
import io.svclab.node.shell.ShellInterpreter;
import io.svclab.node.shell.ShellOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * An exec probe through the built-in shell, in the container's root: {@code sh -c SCRIPT} runs
 * the script, any other command runs as one quoted command line. Exit code 0 is success; the
 * output of a failing command is the probe's message, as kubelet reports it.
 */
public final class ExecProbe {
  private ExecProbe() {}

  public static Prober.Outcome run(List<String> argv, String hostname, String podIp, Path rootfs, Clock clock) {
    if (argv.isEmpty()) return new Prober.Outcome(false, "exec probe has no command");
    StringBuilder out = new StringBuilder();
    ShellContext sc = new ShellContext(Map.of("PATH", ContainerEnvironment.PATH), hostname, podIp, rootfs,
        l -> out.append(l).append('\n'), clock, a -> false);
    ShellOutcome o = command(argv, sc);
    if (o instanceof ShellOutcome.Exited x) {
      return new Prober.Outcome(x.code() == 0, x.code() == 0 ? "" : out.toString().strip());
    }
    if (o instanceof ShellOutcome.Failed f) {
      return new Prober.Outcome(false, f.message());
    }
    return new Prober.Outcome(false, "exec probe command does not end");
  }

  /**
   * Runs an exec argv in a container's context: {@code sh -c SCRIPT [ARG...]} runs the script,
   * any other argv runs as one quoted command line. Probes; {@code kubectl exec} runs through {@link ShellInterpreter#exec}.
   */
  public static ShellOutcome command(List<String> argv, ShellContext sc) {
    String script;
    List<String> positional;
    String first = argv.get(0).replaceAll(".*/", "");
    if ((first.equals("sh") || first.equals("bash")) && argv.size() >= 3 && argv.get(1).equals("-c")) {
      script = argv.get(2);
      positional = argv.subList(3, argv.size());
    } else {
      StringBuilder b = new StringBuilder();
      for (String a : argv) b.append('\'').append(a.replace("'", "'\\''")).append("' ");
      script = b.toString();
      positional = List.of();
    }
    return ShellInterpreter.run(script, positional, sc);
  }
}
