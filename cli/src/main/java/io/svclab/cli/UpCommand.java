package io.svclab.cli;

import io.svclab.cli.launch.ClassDataSharing;
import io.svclab.cli.launch.Leftovers;
import io.svclab.cli.launch.Preflight;
import io.svclab.cli.launch.Supervisor;
import io.svclab.cli.mirror.MirrorPodSync;
import io.svclab.cli.mirror.MirrorPodWriter;
import io.svclab.cli.mirror.StaticPod;
import io.svclab.cli.mirror.StaticPods;
import io.svclab.cli.netns.LabNamespaces;
import io.svclab.cli.netns.LabNetwork;
import io.svclab.cli.running.RunningLabs;
import io.svclab.cli.topology.Component;
import io.svclab.cli.topology.ControlPlanePlan;
import io.svclab.cli.topology.LabTopology;
import io.grpc.ManagedChannel;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./lab up}: every component as its own process, in the foreground, until Ctrl-C or SIGTERM. */
@Command(name = "up", description = "Start the lab in the foreground (Ctrl-C stops it).")
public final class UpCommand implements Callable<Integer> {
  @Option(names = "--data", description = "Data directory (default: .lab in the svclab checkout).")
  Path data;

  @Option(names = "--nodes", defaultValue = "2", description = "Number of nodes (default: 2).")
  int nodes;

  @Option(names = {"-v", "--verbose"}, description = "Also show routine lines: Lease renewals, status writes, "
      + "repeated Events, per-request and per-watch-event lines (DEBUG of every component, console and log files).")
  boolean verbose;

  @Option(names = "--netns", description = "The kernel data plane (root): each node a network namespace (svclab-node-N) "
      + "joined by a bridge in svclab-fabric, each pod a namespace on its node's cni0, kube-proxy's rules in the node's "
      + "netfilter; Services 10.96.0.0/16, pods 10.244.N.0/24, nodes 172.18.0.N+1. Nothing is added to this namespace.")
  boolean netns;

  @Option(names = "--proxy-mode", description = "node-proxy's mode with --netns: iptables (default), nftables or "
      + "userspace (node-proxy's listeners; the Service CIDR and LoadBalancer pool local to each node).")
  String proxyMode;

  @Option(names = "--etcd", description = "Keep the state in a local 3-member etcd cluster (/usr/bin/etcd, Debian's "
      + "etcd-server) under <data>/etcd instead of <data>/state.db: members etcd-1..3 on 127.0.0.1 client ports "
      + "2379, 2389, 2399 (peers 2380, 2390, 2400), stopped with the lab.")
  boolean etcd;

  @Option(names = "--apiservers", defaultValue = "1", description = "With --etcd: how many apiservers (1..3) serve the "
      + "one store, gRPC on 6443, 6453, 6463 (REST 6444, 6454, 6464; admin 6080, 6090, 6100); every other process "
      + "gets the list and fails over (default: 1).")
  int apiservers;

  /** How long the etcd members get to form their cluster before the apiservers start anyway. */
  private static final Duration ETCD_READY_CEILING = Duration.ofSeconds(60);

  /** The build's training run: start, wait until ready, dump the class-data archive, stop. */
  @Option(names = "--train-class-data", hidden = true)
  boolean trainClassData;

  /** How long a lab that was not healthy at the first notice is still waited for before saying so. */
  private static final Duration LATE_READY_CEILING = Duration.ofMinutes(10);
  /** How long the build's training run waits for a healthy lab before giving up on the archive. */
  private static final Duration TRAINING_READY_CEILING = Duration.ofMinutes(3);

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path dataDir = LabPaths.dataDir(data);
    ClassDataSharing cds = ClassDataSharing.forThisLauncher();
    if (trainClassData && cds.archived()) {
      out.println("class-data archive is current; nothing to train");
      return 0;
    }
    if (!cds.enabled()) {
      out.printf("lab                 | class-data archive off (%s=off)%n", ClassDataSharing.SWITCH);
    }
    Files.createDirectories(dataDir);
    if (proxyMode != null && !netns) {
      System.err.println("error: --proxy-mode " + proxyMode + " needs --netns (without it every node proxies in userspace)");
      return 1;
    }
    String mode = proxyMode == null ? "iptables" : proxyMode;
    if (netns && !List.of("iptables", "nftables", "userspace").contains(mode)) {
      System.err.println("error: --proxy-mode " + mode + " with --netns: supported values: \"iptables\", \"nftables\", "
          + "\"userspace\"");
      return 1;
    }
    ControlPlanePlan plan;
    try {
      plan = new ControlPlanePlan(etcd, apiservers);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
    if (etcd && !Files.isExecutable(Path.of(LabTopology.ETCD_EXECUTABLE))) {
      System.err.println("error: --etcd needs " + LabTopology.ETCD_EXECUTABLE + ": apt-get install -y etcd-server"
          + " (./lab test installs it as root)");
      return 1;
    }
    var running = Preflight.runningLab(dataDir);
    if (running.isPresent()) {
      System.err.println("error: a lab is already running on " + dataDir + " (pid " + running.get()
          + "); stop it with Ctrl-C in its terminal or `./lab down`");
      return 1;
    }
    List<Long> leftovers = Leftovers.stop(dataDir);
    if (!leftovers.isEmpty()) {
      System.err.println(Leftovers.report(dataDir, leftovers));
    }
    List<String> staleNamespaces = LabNamespaces.removeRecorded(dataDir);
    if (!staleNamespaces.isEmpty()) {
      System.err.println("removed " + staleNamespaces.size() + " network namespaces a dead lab on " + dataDir
          + " left behind: " + String.join(" ", staleNamespaces));
    }
    LabNetwork network = netns ? new LabNetwork(LabNetwork.DEFAULT_PREFIX, nodes) : null;
    if (network != null) {
      var why = LabNamespaces.unavailable();
      if (why.isPresent()) {
        System.err.println("error: " + why.get());
        return 1;
      }
      List<String> foreign = LabNamespaces.existing(network);
      if (!foreign.isEmpty()) {
        System.err.println("error: network namespaces " + String.join(" ", foreign) + " exist and are not this lab's:"
            + " another `./lab up --netns` is running (one per machine), or remove them with `ip netns del NAME`");
        return 1;
      }
    }
    List<InetSocketAddress> ports = new java.util.ArrayList<>();
    plan.ports().forEach(port -> ports.add(new InetSocketAddress(ControlPlanePlan.HOST, port)));
    ports.addAll(List.of(
        new InetSocketAddress(LabTopology.API_HOST, LabTopology.ENDPOINTS_CONTROLLER_ADMIN_PORT),
        new InetSocketAddress(LabTopology.API_HOST, LabTopology.WORKLOAD_CONTROLLER_ADMIN_PORT),
        new InetSocketAddress(LabTopology.API_HOST, LabTopology.DNS_ADMIN_PORT),
        new InetSocketAddress(LabTopology.API_HOST, LabTopology.CLOUD_LB_ADMIN_PORT),
        new InetSocketAddress(LabTopology.DNS_HOST, LabTopology.DNS_PORT)));
    List<String> problems = Preflight.portProblems(ports);
    if (!problems.isEmpty()) {
      problems.forEach(p -> System.err.println("error: " + p));
      return 1;
    }
    Preflight.privilegedPortProblem(LabTopology.KUBE_DNS_IP).ifPresent(p -> System.err.println("warning: " + p));
    long pid = ProcessHandle.current().pid();
    RunningLabs labs = RunningLabs.forThisUser();
    if (!trainClassData) {
      labs.record(pid, dataDir, System.currentTimeMillis());  // so verbs without --data find this lab
    }
    Files.writeString(dataDir.resolve("lab.pid"), Long.toString(pid));
    // <data>/kubeconfig is the apiserver's to write: it holds the CA and token of its HTTPS port
    if (network != null) {
      var failed = LabNamespaces.create(dataDir, network, mode);
      if (failed.isPresent()) {
        System.err.println("error: cannot build the lab's network namespaces: " + failed.get());
        return 1;
      }
      out.printf("lab                 | network namespaces: %s, %s .. %s (nodes %s ..; Services %s)%n", network.fabric(),
          network.node(1), network.node(nodes), network.nodeIp(1), LabNetwork.SERVICE_CIDR);
    }
    List<Component> components = network == null ? LabTopology.components(dataDir, nodes, plan)
        : LabTopology.kernelComponents(dataDir, network, mode, plan);
    for (ControlPlanePlan.ApiServerInstance s : plan.apiServers()) {
      Files.createDirectories(s.dataDir(dataDir));
    }
    if (plan.etcd()) {
      Files.createDirectories(dataDir.resolve("etcd"));
      out.printf("lab                 | etcd: %s (data %s)%n", plan.initialCluster(), dataDir.resolve("etcd"));
    }
    long started = System.nanoTime();
    List<String> childOptions = new java.util.ArrayList<>();  // each component's own: launch.LabJvmOptions
    if (verbose) {
      childOptions.add("-Dsvclab.log.svclab=DEBUG");  // client: logging.ConsoleLogging
    }
    Supervisor supervisor = new Supervisor(components, childOptions, cds, dataDir, out);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("lab                 | stopping every process...");
      supervisor.stopAll();
      if (network != null) {
        try {
          List<String> removed = LabNamespaces.removeRecorded(dataDir);
          out.println("lab                 | removed network namespaces " + String.join(" ", removed));
        } catch (java.io.IOException e) {
          out.println("lab                 | could not forget the network namespaces: " + e.getMessage());
        }
      }
      labs.forget(pid);
      try {
        Files.deleteIfExists(dataDir.resolve("lab.pid"));
      } catch (java.io.IOException ignored) {
        // the next `up` checks the pid for liveness anyway
      }
      out.println("lab                 | stopped");
      stopped.countDown();
    }, "lab-stop"));
    List<String> etcdPending = supervisor.startAll(ETCD_READY_CEILING);
    if (!etcdPending.isEmpty()) {
      out.println("lab                 | etcd members not healthy yet: " + etcdPending + "; the apiservers start anyway"
          + " and retry (logs: " + dataDir.resolve("logs") + ")");
    }
    // Nodes are watched for Ready while the health checks run, not after them: that wait was the last
    // thing between the last healthy process and "svclab is up", this JVM's gRPC client start included.
    CompletableFuture<Boolean> nodesReady = trainClassData ? CompletableFuture.completedFuture(true)
        : CompletableFuture.supplyAsync(() -> awaitNodes(plan.apiTargets(), Duration.ofSeconds(50)));
    // the training run has nobody waiting on its console, only a build that needs the archive: on a busy
    // machine (load 30 on 2 cores, measured) 30 s was too short for it and no archive was written
    List<String> pending = new java.util.ArrayList<>(supervisor.awaitHealthy(trainClassData ? TRAINING_READY_CEILING
        : Duration.ofSeconds(30)));
    if (!trainClassData) {
      startMirrorPods(supervisor, plan.apiTargets(), network, out);
    }
    if (pending.isEmpty() && !nodesReady.join()) {
      pending.add("nodes not Ready");
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    out.println();
    out.printf("%-20s %-8s %s%n", "COMPONENT", "PID", "LISTENS");
    for (var c : supervisor.children()) {
      out.printf("%-20s %-8d %s%n", c.component().name(), c.process().pid(), String.join(", ", c.component().listens()));
    }
    out.println();
    if (trainClassData) {
      boolean written = pending.isEmpty() && cds.train(out);
      System.exit(written ? 0 : 1);  // the shutdown hook stops every process
    }
    if (pending.isEmpty()) {
      announceUp(out, cds, dataDir, seconds);
    } else {
      // A slow or busy machine is not a broken lab: say what is still starting, keep waiting, and say
      // when it is up. The supervisor restarts what dies meanwhile.
      out.printf("svclab started in %.1f s but not healthy yet: %s (logs: %s/logs); still waiting%n", seconds, pending,
          dataDir);
      Thread waiter = new Thread(() -> {
        try {
          if (supervisor.awaitHealthy(LATE_READY_CEILING).isEmpty()
              && NodeReadiness.await(nodes, plan.apiTargets(), LATE_READY_CEILING)) {
            announceUp(out, cds, dataDir, (System.nanoTime() - started) / 1e9);
          } else {
            out.printf("svclab is still not healthy after %.0f s: see ./lab status and %s/logs%n",
                (System.nanoTime() - started) / 1e9, dataDir);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "lab-ready");
      waiter.setDaemon(true);
      waiter.start();
    }
    out.println();
    supervisor.supervise();
    stopped.await();
    return 0;
  }

  /**
   * The lab's processes as mirror pods in kube-system, written by the supervisor that runs them as
   * kubelet writes its static pods' (ARCHITECTURE.md, "Mirror pods").
   */
  private void startMirrorPods(Supervisor supervisor, String apiTargets, LabNetwork network, PrintStream out) {
    ManagedChannel channel = ApiChannels.forTarget(apiTargets);
    MirrorPodWriter writer = new MirrorPodWriter(new ResourceClient<>(channel, ResourceKinds.PODS, 5000),
        new ResourceClient<>(channel, ResourceKinds.NODES, 5000), out);
    List<StaticPod> staticPods = StaticPods.of(nodes, network);
    MirrorPodSync.start(writer, () -> staticPods.stream().flatMap(pod -> supervisor.children().stream()
        .filter(c -> c.component().name().equals(pod.component()) && c.process() != null)
        .map(c -> new MirrorPodWriter.Running(pod, c.process().pid(), Instant.ofEpochMilli(c.startedAt()),
            c.restarts(), c.running()))).toList(), supervisor::stopping, out);
  }

  private boolean awaitNodes(String apiTargets, Duration timeout) {
    try {
      return NodeReadiness.await(nodes, apiTargets, timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void announceUp(PrintStream out, ClassDataSharing cds, Path dataDir, double seconds) {
    cds.trainInBackground(out);
    out.printf("svclab is up in %.1f s (data: %s). Try: ./lab status; ./lab kubectl get nodes"
        + " (or KUBECONFIG=%s kubectl ...); ./lab grpcurl -plaintext %s:%d list%n", seconds, dataDir,
        dataDir.resolve("kubeconfig"), LabTopology.API_HOST, LabTopology.API_PORT);
  }
}
