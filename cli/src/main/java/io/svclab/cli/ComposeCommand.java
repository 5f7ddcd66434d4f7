package io.svclab.cli;

import io.svclab.cli.topology.ComposeRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab compose}: prints docker-compose.yml as rendered from the lab's component list. */
@Command(name = "compose", description = "Print the container lab's docker-compose.yml, rendered from the same component list as up.")
public final class ComposeCommand implements Callable<Integer> {
  @Option(names = "--nodes", defaultValue = "2", description = "Nodes (node-N containers). Default 2.")
  int nodes;

  @Override
  public Integer call() {
    System.out.print(ComposeRenderer.render(nodes));
    return 0;
  }
}
