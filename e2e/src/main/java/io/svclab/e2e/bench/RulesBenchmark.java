package io.svclab.e2e.bench;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.client.flags.GoDuration;
import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.iptables.IptablesProxier;
import io.svclab.proxy.iptables.IptablesRenderer;
import io.svclab.proxy.iptables.NodeContext;
import io.svclab.proxy.kernel.CommandRunner;
import io.svclab.proxy.kernel.ProcessRunner;
import io.svclab.proxy.nftables.NftContext;
import io.svclab.proxy.nftables.NftState;
import io.svclab.proxy.nftables.NftSyncPlan;
import io.svclab.proxy.nftables.NftablesProxier;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import io.svclab.proxy.snapshot.ServicePortName;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./lab bench rules}: node-proxy's kernel proxiers at scale, in a network namespace the
 * benchmark makes and removes. N ClusterIP Services with E endpoints each; per mode, in
 * interleaved rounds (iptables, nftables; full and bare in alternating order): a full sync (a new
 * proxier's first sync: iptables' jump rules, iptables-save, render, one iptables-restore; nft's
 * render and one transaction) on an emptied namespace, beside the bare tool applying the same
 * rendered input on an emptied namespace (the anchor: the kernel tool's own cost); then partial
 * syncs, each with one Service's endpoints changed (render + apply). Every tool run goes through
 * {@code ip netns exec}, for both columns alike. A mode whose tool does not finish within
 * {@code --tool-timeout} is reported as such and left out of the later rounds. Then the data path
 * ({@link KernelPathThroughput}): wrk and iperf3 through each mode's ClusterIP DNAT beside the same
 * traffic direct to the pod, interleaved.
 */
@Command(name = "rules", description = "iptables/nftables full and partial syncs against the bare restore",
    mixinStandardHelpOptions = true)
final class RulesBenchmark implements Callable<Integer> {
  static final Duration TOOL_TIMEOUT = Duration.ofMinutes(5);

  @Option(names = "--services", description = "ClusterIP Services (default: ${DEFAULT-VALUE})")
  int services = 10_000;
  @Option(names = "--endpoints", description = "endpoints per Service (default: ${DEFAULT-VALUE})")
  int endpoints = 2;
  @Option(names = "--rounds", description = "rounds, the modes interleaved (default: ${DEFAULT-VALUE})")
  int rounds = 3;
  @Option(names = "--partials", description = "partial syncs per mode and round (default: ${DEFAULT-VALUE})")
  int partials = 5;
  @Option(names = "--tool-timeout", converter = GoDuration.class,
      description = "how long one iptables-restore / nft -f may run before its mode is given up (default: 5m)")
  Duration toolTimeout = TOOL_TIMEOUT;
  @Option(names = "--modes", split = ",", description = "the kernel modes of the rules rows, comma-separated "
      + "(default: iptables,nftables; a mode left out prints \"not measured\")")
  List<String> modes = List.of("iptables", "nftables");
  @Option(names = "--throughput-seconds", description = "seconds per wrk / iperf3 run of the data-path rows, 0 skips them "
      + "(default: ${DEFAULT-VALUE})")
  int throughputSeconds = 5;

  @Override
  public Integer call() throws Exception {
    ProxySnapshot base = snapshot(services, endpoints, -1);
    NodeContext ipt = NodeContext.defaults("10.0.0.1", Ipv4Prefix.parse("10.244.0.0/16"));
    NftContext nft = new NftContext("10.0.0.1", Ipv4Prefix.parse("10.244.0.0/16"), "", false,
        NodeContext.markForBit(NodeContext.DEFAULT_MASQUERADE_BIT), List.of("10.0.0.1"));
    String iptInput = IptablesRenderer.render(base, ipt).text();
    String nftInput = NftSyncPlan.full(NftState.render(base, nft)).transaction();
    System.out.printf(Locale.ROOT, "%d Services x %d endpoints: iptables-restore input %d lines, nft -f input %d lines%n",
        services, endpoints, iptInput.lines().count(), nftInput.lines().count());

    Map<String, List<Double>> ms = new java.util.LinkedHashMap<>();
    for (String key : List.of("ipt-bare", "ipt-full", "ipt-partial", "ipt-partial-cpu", "ipt-removal", "nft-bare", "nft-full",
        "nft-partial", "nft-partial-cpu", "nft-removal")) {
      ms.put(key, new ArrayList<>());
    }
    Map<String, String> gaveUp = new java.util.LinkedHashMap<>();
    for (String mode : List.of("iptables", "nftables")) if (!modes.contains(mode)) gaveUp.put(mode, "left out by --modes");
    try (BenchNamespace ns = BenchNamespace.create("svclab-bench-rules")) {
      CommandRunner tools = ns.runner(toolTimeout);
      for (int round = 0; round < rounds; round++) {
        boolean bareFirst = round % 2 == 0;
        unlessGivenUp("iptables", round, gaveUp, () -> {
          for (int step = 0; step < 2; step++) {
            IptablesProxier.cleanupLeftovers(tools);
            if ((step == 0) == bareFirst) {
              ms.get("ipt-bare").add(timed(() -> ok(tools.run(iptInput, List.of("iptables-restore", "-w", "5", "--noflush")))));
            } else {
              IptablesProxier proxier = new IptablesProxier(ipt, tools, metrics(), Duration.ofSeconds(30), Clock.systemUTC());
              ms.get("ipt-full").add(timed(() -> proxier.apply(base)));
              partials(proxier::apply, ms.get("ipt-partial"), ms.get("ipt-partial-cpu"), ms.get("ipt-removal"));
            }
          }
        });
        IptablesProxier.cleanupLeftovers(tools);
        unlessGivenUp("nftables", round, gaveUp, () -> {
          for (int step = 0; step < 2; step++) {
            NftablesProxier.cleanupLeftovers(tools);
            if ((step == 0) == bareFirst) {
              ms.get("nft-bare").add(timed(() -> ok(tools.run(nftInput, List.of("nft", "-f", "-")))));
            } else {
              NftablesProxier proxier = new NftablesProxier(nft, tools, metrics(), Duration.ofSeconds(30), Clock.systemUTC());
              ms.get("nft-full").add(timed(() -> proxier.apply(base)));
              partials(proxier::apply, ms.get("nft-partial"), ms.get("nft-partial-cpu"), ms.get("nft-removal"));
            }
          }
        });
        NftablesProxier.cleanupLeftovers(tools);
        System.out.printf(Locale.ROOT, "round %d: %s%n", round + 1, lastOfEach(ms));
      }
    }
    Map<String, List<Double>> path = throughputSeconds > 0 ? dataPath() : null;
    System.out.println();
    System.out.print(table(services, endpoints, ms));
    gaveUp.forEach((mode, why) -> System.out.printf(Locale.ROOT, "%s not measured: %s%n", mode,
        why.equals("left out by --modes") ? why : "given up (--tool-timeout " + GoDuration.format(toolTimeout) + "): " + why));
    if (path != null) {
      System.out.println();
      System.out.print(dataPathTable(throughputSeconds, rounds, path));
    }
    return path != null && path.values().stream().flatMap(List::stream).anyMatch(v -> v.isNaN()) ? 1 : 0;
  }

  /** One mode's steps of a round, unless an earlier round gave the mode up (a tool that did not finish). */
  private static void unlessGivenUp(String mode, int round, Map<String, String> gaveUp, Runnable steps) {
    if (gaveUp.containsKey(mode)) return;
    try {
      steps.run();
    } catch (RuntimeException e) {
      gaveUp.put(mode, e.getMessage());
      System.out.printf(Locale.ROOT, "round %d: %s given up: %s%n", round + 1, mode, e.getMessage());
    }
  }

  /**
   * wrk and iperf3 from a client pod to the server pod, direct and through each mode's ClusterIP,
   * interleaved: per round and mode, the proxier's full sync, then per tool the two paths back to
   * back, the order alternating with the round and the tool, so that each round gives a paired
   * ratio (ClusterIP / direct, measured seconds apart) whose spread over the rounds shows the noise.
   */
  private Map<String, List<Double>> dataPath() throws Exception {
    Map<String, List<Double>> out = new java.util.LinkedHashMap<>();
    for (String mode : List.of("iptables", "nftables")) {
      for (String tool : List.of("wrk", "iperf3")) {
        out.put(tool + " direct " + mode, new ArrayList<>());
        out.put(tool + " clusterip " + mode, new ArrayList<>());
        out.put(tool + " paired " + mode, new ArrayList<>());
      }
    }
    java.util.function.Consumer<String> failures = f -> System.out.println("data path run failed: " + f);
    try (KernelPathThroughput bench = KernelPathThroughput.create(Duration.ofSeconds(throughputSeconds))) {
      CommandRunner tools = bench.nodeTools();
      for (int round = 0; round < rounds; round++) {
        for (String mode : List.of("iptables", "nftables")) {
          IptablesProxier.cleanupLeftovers(tools);
          NftablesProxier.cleanupLeftovers(tools);
          if (mode.equals("iptables")) {
            new IptablesProxier(NodeContext.defaults(KernelPathThroughput.NODE_IP, Ipv4Prefix.parse("10.244.0.0/16")), tools,
                metrics(), Duration.ofSeconds(30), Clock.systemUTC()).apply(KernelPathThroughput.snapshot());
          } else {
            new NftablesProxier(new NftContext(KernelPathThroughput.NODE_IP, Ipv4Prefix.parse("10.244.0.0/16"), "", false,
                NodeContext.markForBit(NodeContext.DEFAULT_MASQUERADE_BIT), List.of(KernelPathThroughput.NODE_IP)), tools,
                metrics(), Duration.ofSeconds(30), Clock.systemUTC()).apply(KernelPathThroughput.snapshot());
          }
          StringBuilder line = new StringBuilder();
          List<String> loads = List.of("wrk", "iperf3");
          for (int t = 0; t < loads.size(); t++) {
            String tool = loads.get(t);
            List<String> paths = (round + t) % 2 == 0 ? List.of("direct", "clusterip") : List.of("clusterip", "direct");
            Map<String, Double> pair = new java.util.HashMap<>();
            for (String p : paths) {
              String ip = p.equals("direct") ? KernelPathThroughput.SERVER_IP : KernelPathThroughput.CLUSTER_IP;
              double value = (tool.equals("wrk") ? bench.wrk(ip, failures) : bench.iperf3(ip, failures)).orElse(Double.NaN);
              out.get(tool + " " + p + " " + mode).add(value);
              pair.put(p, value);
              line.append(String.format(Locale.ROOT, "  %s %s %.0f", tool, p, value));
            }
            out.get(tool + " paired " + mode).add(pair.get("clusterip") / pair.get("direct"));
          }
          System.out.printf(Locale.ROOT, "data path round %d, %s:%s%n", round + 1, mode, line);
        }
      }
      IptablesProxier.cleanupLeftovers(tools);
      NftablesProxier.cleanupLeftovers(tools);
    }
    return out;
  }

  static String dataPathTable(int seconds, int rounds, Map<String, List<Double>> m) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "data path: client pod -> node -> server pod, %d s per run, %d rounds, min / median / max (a paired ratio "
            + "whose min and max straddle 1.0 is within this machine's noise)%n", seconds, rounds));
    b.append(String.format(Locale.ROOT, "%-50s %22s %22s%n", "measure", "iptables", "nftables"));
    for (String tool : List.of("wrk", "iperf3")) {
      String unit = tool.equals("wrk") ? "wrk -t1 -c16, requests/s" : "iperf3, Mbit/s at the receiver";
      b.append(String.format(Locale.ROOT, "%-50s %22s %22s%n", "direct to the pod IP, " + unit,
          Spread.of(m.get(tool + " direct iptables")).format(0), Spread.of(m.get(tool + " direct nftables")).format(0)));
      b.append(String.format(Locale.ROOT, "%-50s %22s %22s%n", "through the ClusterIP, " + unit,
          Spread.of(m.get(tool + " clusterip iptables")).format(0), Spread.of(m.get(tool + " clusterip nftables")).format(0)));
      b.append(String.format(Locale.ROOT, "%-50s %22s %22s%n", tool + " ClusterIP / direct (medians), goal >= 0.9",
          atLeast(ratio(m, tool, "iptables"), 0.9), atLeast(ratio(m, tool, "nftables"), 0.9)));
      b.append(String.format(Locale.ROOT, "%-50s %22s %22s%n", tool + " ClusterIP / direct, paired per round",
          Spread.of(m.get(tool + " paired iptables")).format(2), Spread.of(m.get(tool + " paired nftables")).format(2)));
    }
    return b.toString();
  }

  private static double ratio(Map<String, List<Double>> m, String tool, String mode) {
    return Spread.of(m.get(tool + " clusterip " + mode)).median() / Spread.of(m.get(tool + " direct " + mode)).median();
  }

  private static String atLeast(double value, double goal) {
    if (Double.isNaN(value)) return "not measured";
    return String.format(Locale.ROOT, "%.2f", value) + (value >= goal ? " met" : " missed");
  }

  /**
   * Partial syncs after a full one, each changing one Service: k gets one endpoint more, then loses
   * it, ...; then one more removing a Service (its map elements / KUBE-SERVICES rule deleted: in
   * nftables mode the one kind of partial sync that makes nft read the whole ruleset). Beside each
   * changed-Service sync's wall time, the CPU it took: this JVM's (every thread, JIT and GC
   * included) plus that of the tools it ran and reaped ({@code /proc/self/stat} cutime + cstime,
   * 10 ms ticks), which a loaded machine stretches far less than the wall time.
   */
  private void partials(java.util.function.Consumer<ProxySnapshot> apply, List<Double> out, List<Double> cpu,
      List<Double> removal) {
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < partials; i++) {
      ProxySnapshot changed = snapshot(services, endpoints, i % 2 == 0 ? (i / 2 * 7919 + 17) % services : -1);
      long jvmBefore = os.getProcessCpuTime();
      long toolTicksBefore = DnsLoad.reapedChildTicks();
      out.add(timed(() -> apply.accept(changed)));
      cpu.add((os.getProcessCpuTime() - jvmBefore) / 1e6 + (DnsLoad.reapedChildTicks() - toolTicksBefore) * 10.0);
    }
    ProxySnapshot base = snapshot(services, endpoints, -1);
    ProxySnapshot removed = new ProxySnapshot(base.servicePorts().subList(0, base.servicePorts().size() - 1),
        base.healthChecks(), base.skipped());
    removal.add(timed(() -> apply.accept(removed)));
  }

  /** {@code count} Services 10.96.x.y:80 with {@code perService} endpoints; {@code grown}'s has one more. */
  static ProxySnapshot snapshot(int count, int perService, int grown) {
    List<ServicePortInfo> ports = new ArrayList<>(count);
    int ep = 0;
    for (int i = 0; i < count; i++) {
      List<Endpoint> eps = new ArrayList<>();
      int n = i == grown ? perService + 1 : perService;
      for (int e = 0; e < n; e++, ep++) {
        eps.add(new Endpoint("10.244." + (ep / 250 % 250) + "." + (ep % 250 + 2), 8080, "node-1", true, true, false,
            true));
      }
      if (i == grown) ep -= 1; // the next Services keep their addresses
      ports.add(new ServicePortInfo(new ServicePortName("bench-" + (i % 10), "svc-" + i, "http", "TCP"),
          "10.96." + (i / 250) + "." + (i % 250 + 1), 80, "TCP", 0, List.of(), List.of(), false, false, 0, null, eps));
    }
    return new ProxySnapshot(ports, Map.of(), List.of());
  }

  static String table(int services, int endpoints, Map<String, List<Double>> ms) {
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
        "rules: %d Services x %d endpoints, ms as min / median / max over the rounds%n", services, endpoints));
    b.append(String.format(Locale.ROOT, "%-44s %26s %26s%n", "measure", "iptables", "nftables"));
    b.append(row("bare restore of the same input (anchor)", ms.get("ipt-bare"), ms.get("nft-bare")));
    b.append(row("full sync (render + restore)", ms.get("ipt-full"), ms.get("nft-full")));
    b.append(row("partial sync, one Service changed", ms.get("ipt-partial"), ms.get("nft-partial")));
    b.append(row("  its CPU (this JVM + the tools it ran)", ms.get("ipt-partial-cpu"), ms.get("nft-partial-cpu")));
    b.append(row("partial sync, one Service removed", ms.get("ipt-removal"), ms.get("nft-removal")));
    double iptRatio = Spread.of(ms.get("ipt-full")).median() / Spread.of(ms.get("ipt-bare")).median();
    double nftRatio = Spread.of(ms.get("nft-full")).median() / Spread.of(ms.get("nft-bare")).median();
    b.append(String.format(Locale.ROOT, "%-44s %26s %26s%n", "full / bare (medians), goal <= 1.2",
        verdict(iptRatio, 1.2, "%.2f"), verdict(nftRatio, 1.2, "%.2f")));
    b.append(String.format(Locale.ROOT, "%-44s %26s %26s%n", "partial median, goal <= 100 ms",
        verdict(Spread.of(ms.get("ipt-partial")).median(), 100, "%.1f ms"),
        verdict(Spread.of(ms.get("nft-partial")).median(), 100, "%.1f ms")));
    return b.toString();
  }

  private static String row(String name, List<Double> ipt, List<Double> nft) {
    return String.format(Locale.ROOT, "%-44s %26s %26s%n", name, Spread.of(ipt).format(1), Spread.of(nft).format(1));
  }

  private static String verdict(double value, double goal, String format) {
    if (Double.isNaN(value)) return "not measured";
    return String.format(Locale.ROOT, format, value) + (value <= goal ? " met" : " missed");
  }

  private static String lastOfEach(Map<String, List<Double>> ms) {
    StringBuilder b = new StringBuilder();
    ms.forEach((k, v) -> b.append(k).append(' ')
        .append(v.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", v.get(v.size() - 1))).append(" ms  "));
    return b.toString().strip();
  }

  private static ProxyMetrics metrics() {
    return new ProxyMetrics(new PrometheusRegistry());
  }

  private static double timed(Runnable step) {
    long start = System.nanoTime();
    step.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private static void ok(CommandRunner.Result r) {
    if (!r.ok()) throw new IllegalStateException(r.summary());
  }

  /**
   * A network namespace made for the benchmark, removed on close, and by a shutdown hook when the
   * benchmark is stopped (Ctrl-C, SIGTERM) before it closes; tools run in it with {@code ip netns exec}.
   */
  record BenchNamespace(String name, Thread removeOnExit) implements AutoCloseable {
    static BenchNamespace create(String prefix) {
      String name = prefix + "-" + ProcessHandle.current().pid();
      ok(new ProcessRunner(Duration.ofSeconds(30)).run(null, List.of("ip", "netns", "add", name)));
      BenchNamespace ns = new BenchNamespace(name, new Thread(() -> remove(name), "remove " + name));
      Runtime.getRuntime().addShutdownHook(ns.removeOnExit());
      ok(ns.runner(Duration.ofSeconds(30)).run(null, List.of("ip", "link", "set", "lo", "up")));
      return ns;
    }

    CommandRunner runner(Duration timeout) {
      ProcessRunner inner = new ProcessRunner(timeout);
      return (stdin, command) -> {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        CommandRunner.Result r = inner.run(stdin, full);
        return new CommandRunner.Result(command, r.exitCode(), r.stdout(), r.stderr());
      };
    }

    @Override
    public void close() {
      try {
        Runtime.getRuntime().removeShutdownHook(removeOnExit);
      } catch (IllegalStateException shuttingDown) {
        return; // the hook removes it
      }
      ok(remove(name));
    }

    private static CommandRunner.Result remove(String name) {
      return new ProcessRunner(Duration.ofSeconds(30)).run(null, List.of("ip", "netns", "del", name));
    }
  }
}
