package io.svclab.cli;

import io.svclab.cli.grpcurl.GrpcurlCommand;
import io.svclab.cli.trace.TraceCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./lab}: the one entry point a person uses. */
@Command(name = "lab", mixinStandardHelpOptions = true, version = "svclab 0.1.0",
    description = "svclab: the Kubernetes Service stack as real processes.",
    subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ApplyCommand.class, GetCommand.class, DescribeCommand.class, DeleteCommand.class, LogsCommand.class, ScaleCommand.class, TraceCommand.class, DemoCommand.class, ComposeCommand.class, GrpcurlCommand.class, CommandLine.HelpCommand.class},
    footer = {"", "  ./lab test     install prerequisites, build, run every test"})
public final class LabMain implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new LabMain()).execute(args));
  }
}
