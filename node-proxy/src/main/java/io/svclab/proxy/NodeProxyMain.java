package io.svclab.proxy;

import io.grpc.ManagedChannel;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Service;
import io.svclab.client.admin.AdminServer;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import io.svclab.client.admin.ServiceProcess;
import io.svclab.client.flags.GoDuration;
import io.svclab.client.informer.Informer;
import io.svclab.client.informer.InformerOptions;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.changes.ChangeTracker;
import io.svclab.proxy.changes.SyncRunner;
import io.svclab.proxy.healthcheck.HealthCheckServers;
import io.svclab.proxy.healthcheck.ProxyHealthServer;
import io.svclab.proxy.iptables.IptablesProxier;
import io.svclab.proxy.iptables.NodeContext;
import io.svclab.proxy.kernel.CommandRunner;
import io.svclab.proxy.kernel.ProcessRunner;
import io.svclab.proxy.nftables.NftContext;
import io.svclab.proxy.nftables.NftablesProxier;
import io.svclab.proxy.snapshot.Proxier;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.SnapshotBuilder;
import io.svclab.proxy.userspace.UserspaceProxier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code node-proxy}: kube-proxy for one svclab node. Informers on Services, EndpointSlices
 * and its Node -> {@link ChangeTracker} -> {@link SnapshotBuilder} -> immutable
 * {@link ProxySnapshot} -> a {@link Proxier}. Writes nothing to the API.
 */
@Command(name = "node-proxy", mixinStandardHelpOptions = true,
    description = "svclab node proxy: ClusterIP, NodePort, LoadBalancer and externalIPs -> endpoints.",
    footer = {"",
        "Examples:",
        "Normally started by ./lab up (see ./lab status). By hand, from the svclab checkout:",
        "  java -cp 'cli/target/lib/*' io.svclab.proxy.NodeProxyMain --api 127.0.0.1:6443 --node-name node-1 --node-ip 127.0.10.1 --cluster-cidr 127.244.0.0/16"})
public final class NodeProxyMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(NodeProxyMain.class);

  @Option(names = "--api", defaultValue = ApiChannels.DEFAULT_TARGET, converter = ApiFlag.class,
      description = ApiFlag.DESCRIPTION)
  String api;

  @Option(names = "--node-name", defaultValue = "node-1", description = "This node's name (default ${DEFAULT-VALUE}).")
  String nodeName;

  @Option(names = "--node-ip", defaultValue = "127.0.10.1",
      description = "This node's address: NodePorts, health checks, /healthz and /metrics bind it (default ${DEFAULT-VALUE}).")
  String nodeIp;

  @Option(names = "--healthz-port", defaultValue = "10256", description = "Port of /healthz (default ${DEFAULT-VALUE}).")
  int healthzPort;

  @Option(names = "--metrics-port", defaultValue = "10249", description = "Port of /metrics (default ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(names = "--min-sync-period", defaultValue = "100ms", converter = GoDuration.class,
      description = "Minimum interval between syncs; changes within it are batched (default ${DEFAULT-VALUE}).")
  Duration minSyncPeriod;

  @Option(names = "--sync-period", defaultValue = "30s", converter = GoDuration.class,
      description = "Full resync interval, retrying failed listeners (default ${DEFAULT-VALUE}).")
  Duration syncPeriod;

  @Option(names = "--udp-idle-timeout", defaultValue = "30s", converter = GoDuration.class,
      description = "UDP flows idle this long are closed (default ${DEFAULT-VALUE}).")
  Duration udpIdleTimeout;

  @Option(names = "--bind-load-balancer-ips", defaultValue = "true", arity = "1",
      description = "Also take LoadBalancer ingress IPs: listeners in userspace mode, kube-proxy's LB rules in the kernel"
          + " modes (default ${DEFAULT-VALUE}). The local lab passes false: there the cloud-lb owns those addresses on"
          + " the shared loopback and forwards to NodePorts.")
  boolean bindLoadBalancerIps;

  @Option(names = "--cluster-cidr", defaultValue = "",
      description = "The pod network (kube-proxy's --cluster-cidr). ClusterIP traffic from outside it reaches the"
          + " endpoint from the node address (masqueraded), from inside it with the client's own address;"
          + " empty: never masqueraded (default).")
  String clusterCidr;

  @Option(names = {"--mode", "--proxy-mode"}, defaultValue = "userspace",
      description = "Proxier: userspace (listeners in this process), iptables (iptables-restore) or nftables (nft);"
          + " the kernel modes program this network namespace and need root (default ${DEFAULT-VALUE}).")
  String mode;

  @Option(names = "--cleanup", description = "Remove the iptables and nftables rules the kernel modes made in this"
      + " network namespace (the KUBE-* chains and their jumps, table ip kube-proxy), then exit (kube-proxy's --cleanup).")
  boolean cleanup;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  static final List<String> MODES = List.of("iptables", "nftables", "userspace");
  private static final Duration KERNEL_TOOL_TIMEOUT = Duration.ofSeconds(30);

  @Override
  public Integer call() throws Exception {
    if (!MODES.contains(mode)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Unsupported value: \"" + mode
          + "\": supported values: " + String.join(", ", MODES.stream().map(m -> "\"" + m + "\"").toList()));
    }
    CommandRunner tools = new ProcessRunner(KERNEL_TOOL_TIMEOUT);
    if (cleanup) {
      List<String> failures = new java.util.ArrayList<>(IptablesProxier.cleanupLeftovers(tools));
      failures.addAll(NftablesProxier.cleanupLeftovers(tools));
      failures.forEach(f -> System.err.println("node-proxy: cleanup: " + f));
      return failures.isEmpty() ? 0 : 1;
    }
    String unusable = switch (mode) {
      case "iptables" -> IptablesProxier.unusable(tools);
      case "nftables" -> NftablesProxier.unusable(tools);
      default -> null;
    };
    if (unusable != null) {
      System.err.println("node-proxy: --proxy-mode " + mode + " needs root and the " + mode + " tools: " + unusable);
      return 1;
    }
    ServiceProcess process = ServiceProcess.start("node-proxy");
    ManagedChannel channel = process.register("api channel", ApiChannels.forTarget(api), ManagedChannel::shutdownNow);
    Clock clock = Clock.systemUTC();
    ProxyMetrics metrics = new ProxyMetrics(PrometheusRegistry.defaultRegistry);

    Informer<Service> services = new Informer<>(channel, ResourceKinds.SERVICES, InformerOptions.all());
    Informer<EndpointSlice> slices = new Informer<>(channel, ResourceKinds.ENDPOINT_SLICES, InformerOptions.all());
    Informer<Node> nodes = new Informer<>(channel, ResourceKinds.NODES,
        InformerOptions.all().withFieldSelector("metadata.name=" + nodeName));
    List<Informer<?>> informers = List.of(services, slices, nodes);

    if (mode.equals("iptables")) allowLocalhostNodePorts();
    // switching modes: the other kernel mode's rules would still catch traffic (kube-proxy's platformCleanup)
    List<String> leftovers = switch (mode) {
      case "iptables" -> NftablesProxier.cleanupLeftovers(tools);
      case "nftables" -> IptablesProxier.cleanupLeftovers(tools);
      default -> List.of();
    };
    leftovers.forEach(f -> log.info("Failed to remove the other proxy mode's rules: {}", f));
    Ipv4Prefix podCidr = clusterCidr.isBlank() ? null : Ipv4Prefix.parse(clusterCidr);
    Proxier proxier = process.register("proxier", switch (mode) {
      case "iptables" -> new IptablesProxier(NodeContext.defaults(nodeIp, podCidr), tools, metrics, syncPeriod, clock);
      // kube-proxy's nftables mode takes NodePorts on the node's primary IP only (no --nodeport-addresses)
      case "nftables" -> new NftablesProxier(new NftContext(nodeIp, podCidr, "", false,
          NodeContext.markForBit(NodeContext.DEFAULT_MASQUERADE_BIT), List.of(nodeIp)), tools, metrics, syncPeriod, clock);
      default -> new UserspaceProxier(List.of(nodeIp), podCidr, metrics, udpIdleTimeout, clock);
    });
    HealthCheckServers healthChecks = process.register("health checks", new HealthCheckServers(nodeIp));

    SyncRunner[] runner = new SyncRunner[1];
    java.util.Set<String> loggedSkips = new java.util.HashSet<>(); // touched only by the sync thread
    ChangeTracker tracker = new ChangeTracker(() -> runner[0].request(), clock.instant());
    runner[0] = new SyncRunner(minSyncPeriod, syncPeriod, () -> {
      if (!services.hasSynced() || !slices.hasSynced()) return; // the first full sync waits for both caches
      List<Instant> triggers = tracker.drainTriggers();
      long start = System.nanoTime();
      boolean ok = false;
      try {
        List<io.svclab.api.v1.Service> current = bindLoadBalancerIps ? services.list()
            : services.list().stream().map(svc -> svc.toBuilder().clearStatus().build()).toList();
        ProxySnapshot snapshot = SnapshotBuilder.build(current, slices.list(), nodeName);
        snapshot.skipped().stream().filter(reason -> !loggedSkips.contains(reason))
            .forEach(reason -> log.warn("not proxied: {}", reason));
        loggedSkips.retainAll(snapshot.skipped());
        loggedSkips.addAll(snapshot.skipped());
        proxier.apply(snapshot);
        healthChecks.sync(snapshot.healthChecks());
        ok = true;
        Instant done = clock.instant();
        triggers.forEach(t -> metrics.networkProgrammed(Duration.between(t, done)));
        log.debug("synced {} service ports in {} ms", snapshot.servicePorts().size(),
            (System.nanoTime() - start) / 1_000_000);
      } finally {
        metrics.syncDone(Duration.ofNanos(System.nanoTime() - start), ok);
      }
    }, clock);
    services.addHandler(tracker.services());
    slices.addHandler(tracker.slices());
    nodes.addHandler(tracker.nodes());
    process.register("sync loop", runner[0].start());

    process.register("metrics", AdminServer.start(nodeIp, metricsPort, () -> true,
        () -> runner[0].lastSuccess() != null));
    process.register("healthz", new ProxyHealthServer(nodeIp, healthzPort,
        () -> new ProxyHealthServer.SyncState(runner[0].lastSuccess(), runner[0].pendingSince()),
        Duration.ofSeconds(60), clock));
    process.register("informers", () -> informers.forEach(Informer::stop));
    informers.forEach(Informer::start);
    // an empty cluster produces no events; the first sync still happens once both caches fill
    java.util.concurrent.CompletableFuture.allOf(services.synced(), slices.synced()).thenRun(() -> runner[0].request());
    log.info("node-proxy for {} ({}) in {} mode: /healthz on {}:{}, /metrics on {}:{}", nodeName, nodeIp, mode,
        nodeIp, healthzPort, nodeIp, metricsPort);
    process.awaitTermination();
    return 0;
  }

  /**
   * kube-proxy's iptables mode answers NodePorts on 127.0.0.1 (--iptables-localhost-nodeports,
   * default true), which needs route_localnet in this network namespace; the rules' KUBE-FIREWALL
   * drop closes the hole it opens.
   */
  private static void allowLocalhostNodePorts() {
    java.nio.file.Path sysctl = java.nio.file.Path.of("/proc/sys/net/ipv4/conf/all/route_localnet");
    try {
      java.nio.file.Files.writeString(sysctl, "1");
    } catch (java.io.IOException e) {
      log.info("Failed to set {}, NodePorts on 127.0.0.1 will not answer: {}", sysctl, e.toString());
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeProxyMain()).execute(args));
  }
}
