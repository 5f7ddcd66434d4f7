package io.svclab.e2e.bench;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./lab bench NAME}: runs one benchmark; each prints its figures and ratios to an anchor
 * run alongside, framed by the command line, the core count and the load average at start and end.
 */
@Command(name = "./lab bench", mixinStandardHelpOptions = true,
    description = "Runs one benchmark against its anchor, measured in the same run.",
    subcommands = {StartBenchmark.class, MemoryBenchmark.class, ApiBenchmark.class, EndpointsBenchmark.class, PodsBenchmark.class,
        DnsBenchmark.class, ProxyBenchmark.class, LbBenchmark.class, RestBenchmark.class, RulesBenchmark.class})
public final class BenchMain implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark NAME");
  }

  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new BenchMain());
    cli.setExecutionStrategy(parsed -> {
      List<CommandLine> chain = parsed.asCommandLineList();
      boolean bench = chain.size() > 1 && !parsed.subcommand().isUsageHelpRequested();
      if (bench) {
        System.out.println("$ " + BenchMachine.commandLine(List.of(args)));
        System.out.println(BenchMachine.line("at start"));
      }
      int code = new CommandLine.RunLast().execute(parsed);
      if (bench) {
        System.out.println(BenchMachine.line("at end"));
      }
      return code;
    });
    System.exit(cli.execute(args));
  }
}
