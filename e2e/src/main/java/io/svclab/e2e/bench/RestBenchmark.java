package io.svclab.e2e.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab bench rest}: the apiserver's two front doors under one kubectl-shaped load, on the
 * same running apiserver: its Kubernetes REST API over HTTPS (port, CA and token from the
 * kubeconfig it writes) and its gRPC API. The same warm-up for both doors, then rounds
 * interleaved with the order alternated (rest, grpc; grpc, rest; ...), each round's Services
 * deleted after it so every round starts on the same store; each round printed, then the medians,
 * REST's ratio to gRPC, the goals, and the load generator's CPU beside the apiserver's.
 */
@Command(name = "rest", description = "kubectl-shaped load (create, get, list as Table, watch) on REST beside gRPC, "
    + "same apiserver; interleaved rounds", mixinStandardHelpOptions = true)
final class RestBenchmark implements Callable<Integer> {
  @Option(names = "--rounds", description = "rounds per door, interleaved (default: ${DEFAULT-VALUE})")
  int rounds = 3;
  @Option(names = "--creates", description = "creates per round, each followed by a get and a list (default: ${DEFAULT-VALUE})")
  int creates = 2_000;
  @Option(names = "--clients", description = "concurrent clients, each also holding a watch (default: ${DEFAULT-VALUE})")
  int clients = 16;
  @Option(names = "--warm-up", description = "creates of the unmeasured warm-up round, per door (default: ${DEFAULT-VALUE})")
  int warmUp = 500;
  @Option(names = "--watch-timeout", description = "seconds a round waits for its watch events (default: ${DEFAULT-VALUE})")
  int watchTimeoutSeconds = 60;

  PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    out.printf("rest benchmark: one apiserver, %d clients each repeating create, get, list (REST: as a Table) while "
        + "holding a watch; the same %d-create warm-up per door, then %d rounds of %d creates per door, interleaved "
        + "(rest, grpc; grpc, rest; ...)%n", clients, warmUp, rounds, creates);
    Path dir = Files.createTempDirectory("svclab-bench-rest");
    int grpcPort = BenchProcesses.freePort();
    Process apiserver = BenchProcesses.apiserver(dir, grpcPort, 0, List.of(), dir.resolve("apiserver.log"));
    try {
      LabKubeconfig kubeconfig = LabKubeconfig.parse(Files.readString(dir.resolve("kubeconfig")));
      out.printf("apiserver pid %d: gRPC 127.0.0.1:%d, REST %s (server, CA and token from its kubeconfig)%n",
          apiserver.pid(), grpcPort, kubeconfig.server());
      try (GrpcFrontDoor grpc = new GrpcFrontDoor("127.0.0.1:" + grpcPort);
          RestFrontDoor rest = new RestFrontDoor(kubeconfig)) {
        Map<String, List<DoorRound>> results = measure(rest, grpc, new DoorLoad(clients, watchTimeoutSeconds,
            apiserver.pid()));
        out.println();
        out.print(DoorReport.table(results));
        out.print(DoorReport.verdict(results.get(rest.name()), results.get(grpc.name())));
        out.print(DoorReport.generator(results));
      }
    } finally {
      BenchProcesses.stop(apiserver);
      LabStart.deleteTree(dir);
    }
    return 0;
  }

  private Map<String, List<DoorRound>> measure(FrontDoor rest, FrontDoor grpc, DoorLoad load) throws Exception {
    for (FrontDoor door : List.of(rest, grpc)) {
      String prefix = "warm-" + door.name() + "-";
      DoorRound r = load.run(door, prefix, warmUp);
      out.printf(Locale.ROOT, "warm-up %s: %d creates in %.2f s%n", door.name(), warmUp, r.seconds());
      load.deleteAll(grpc, prefix, warmUp);
    }
    Map<String, List<DoorRound>> results = new LinkedHashMap<>();
    results.put(rest.name(), new ArrayList<>());
    results.put(grpc.name(), new ArrayList<>());
    for (int round = 1; round <= rounds; round++) {
      for (FrontDoor door : round % 2 == 1 ? List.of(rest, grpc) : List.of(grpc, rest)) {
        String prefix = "r" + round + "-" + door.name() + "-";
        DoorRound r = load.run(door, prefix, creates);
        out.printf(Locale.ROOT, "round %d, %s: %d creates in %.2f s = %.0f/s, create p50 %.2f ms p99 %.2f ms, all "
            + "requests p99 %.2f ms, watch ADDED %d/%d%n", round, door.name(), creates, r.seconds(), r.createsPerSecond(),
            r.createP50(), r.createP99(), r.allP99(), r.delivered(), r.expected());
        results.get(door.name()).add(r);
        load.deleteAll(grpc, prefix, creates);
      }
    }
    return results;
  }
}
