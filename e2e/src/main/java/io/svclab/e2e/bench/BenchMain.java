package io.svclab.e2e.bench;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code ./lab bench NAME}: runs one benchmark; each prints its figures and ratios to an anchor run alongside. */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, Callable<Integer>> benches = Map.of(
        "api", () -> new ApiBenchmark(args).run(),
        "endpoints", () -> new EndpointsBenchmark(args).run(),
        "pods", () -> new PodsBenchmark(args).run(),
        "dns", () -> new DnsBenchmark(args).run(),
        "proxy", () -> new ProxyBenchmark(args).run(),
        "lb", () -> new LbBenchmark(args).run());
    if (args.length == 0 || !benches.containsKey(args[0])) {
      System.err.println("usage: ./lab bench NAME [options]; NAME is one of " + benches.keySet());
      System.exit(2);
    }
    System.exit(benches.get(args[0]).call());
  }
}
