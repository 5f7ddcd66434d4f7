package io.svclab.cli;

import io.svclab.cli.grpcurl.GrpcurlCommand;
import io.svclab.cli.trace.TraceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lab}: the one entry point a person uses. */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "svclab 0.1.0",
    description = "svclab: the Kubernetes Service stack as real processes.",
    subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ApplyCommand.class, GetCommand.class, DescribeCommand.class, DeleteCommand.class, LogsCommand.class, ScaleCommand.class, TraceCommand.class, DemoCommand.class, ComposeCommand.class, GrpcurlCommand.class, KubectlCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "Handled by the ./lab script itself (before this CLI):",
        "  build     build every module (mvn package) and the class-data archive",
        "  test      install missing prerequisites, build, run every test",
        "  bench     run a benchmark against its anchor (./lab bench --help lists them)",
        "", "Every verb answers -h/--help with its usage and examples: ./lab status --help"})
public final class LabMain implements Runnable {
  @Override
  public void run() {
    commandLine().usage(System.out);
  }

  /** The command tree with -h/--help and examples on every verb. */
  static CommandLine commandLine() {
    CommandLine cl = VerbHelp.withHelp(new CommandLine(new LabMain()));
    // everything after `./lab kubectl` (flags included) is kubectl's
    cl.getSubcommands().get("kubectl").setStopAtPositional(true).setUnmatchedOptionsArePositionalParams(true);
    return cl;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
