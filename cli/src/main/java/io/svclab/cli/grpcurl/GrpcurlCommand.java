package io.svclab.cli.grpcurl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./lab grpcurl}: grpcurl's everyday subset for machines without grpcurl. picocli only
 * hands the words over (a leading -h/--help prints this usage, as for every verb); Go-style flag
 * parsing and everything after it is {@link Grpcurl}'s.
 */
@Command(name = "grpcurl", customSynopsis = "lab grpcurl [flags] [address] [list|describe] [symbol]",
    description = "grpcurl's everyday subset over server reflection, plaintext only. Flags as grpcurl's "
        + "(Go style, one or two dashes, before the address); './lab grpcurl -help' lists them.")
public final class GrpcurlCommand implements Callable<Integer> {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Parameters(arity = "0..*", paramLabel = "ARGS", description = "grpcurl's flags and words, as grpcurl takes them.")
  List<String> args = new ArrayList<>();

  /** The words reach Go-style parsing untouched: no @files, no option clustering, no picocli options after the first. */
  @Spec
  void configure(CommandSpec spec) {
    spec.parser().unmatchedOptionsArePositionalParams(true).stopAtPositional(true).expandAtFiles(false)
        .posixClusteredShortOptionsAllowed(false);
    spec.usageMessage().footer(GrpcurlFlags.usage().split("\n"));
  }

  @Override
  public Integer call() {
    return new Grpcurl(System.in, System.out, System.err).run(args);
  }
}
