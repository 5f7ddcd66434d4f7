package io.svclab.node;

import io.svclab.net.ip.Ipv4;
import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.node.network.NamespacePodNetwork;
import io.svclab.node.network.PodNetwork;
import io.grpc.ManagedChannel;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.actors.ProcessActors;
import io.svclab.client.admin.AdminServer;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import io.svclab.client.admin.ServiceProcess;
import io.svclab.client.informer.Informer;
import io.svclab.client.informer.InformerOptions;
import io.svclab.client.informer.ResourceEventHandler;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.node.env.ContainerEnvironment;
import io.svclab.node.env.ServiceEnvironment;
import io.svclab.node.images.ImageCatalog;
import io.svclab.node.kubelet.ExecHandler;
import io.svclab.node.terminal.AttachPoints;
import io.svclab.node.kubelet.KubeletServer;
import io.svclab.node.images.NettyServers;
import io.svclab.node.images.WorkloadLauncher;
import io.svclab.node.pods.ApiPodWriter;
import io.svclab.node.pods.PodIpAllocator;
import io.svclab.node.pods.PodManager;
import io.svclab.node.pods.PodMetrics;
import io.svclab.node.pods.PodRuntime;
import io.svclab.node.probes.Prober;
import io.svclab.node.registration.NodeObject;
import io.svclab.node.registration.NodeRegistration;
import io.svclab.net.forward.DomainSocketForward;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code node-agent}: a kubelet for one node. Registers Node {@code --node-name}, renews its
 * Lease, and runs the pods bound to it as built-in workloads on IPs from {@code --pod-cidr}.
 */
@Command(name = "node-agent", mixinStandardHelpOptions = true,
    description = "svclab node agent (kubelet-like): runs the pods bound to one node as built-in workloads.",
    footer = {"",
        "Examples:",
        "Normally started by ./lab up (see ./lab status). By hand, from the svclab checkout:",
        "  java -cp 'cli/target/lib/*' io.svclab.node.NodeAgentMain --api 127.0.0.1:6443 --node-name node-1 --node-ip 127.0.10.1 --pod-cidr 127.244.1.0/24 --data .lab/nodes/node-1"})
public final class NodeAgentMain implements Callable<Integer> {
  @Option(names = "--api", defaultValue = ApiChannels.DEFAULT_TARGET, converter = ApiFlag.class,
      description = ApiFlag.DESCRIPTION)
  String api;

  @Option(names = "--node-name", defaultValue = "node-1", description = "Node name (default ${DEFAULT-VALUE}).")
  String nodeName;

  @Option(names = "--node-ip", defaultValue = "127.0.10.1", description = "Node address: InternalIP/ExternalIP, admin bind (default ${DEFAULT-VALUE}).")
  String nodeIp;

  @Option(names = "--pod-cidr", defaultValue = "127.244.1.0/24", description = "Pod IPs come from here (default ${DEFAULT-VALUE}).")
  String podCidr;

  @Option(names = "--admin-port", defaultValue = "10248", description = "/metrics, /healthz, /readyz on the node IP (default ${DEFAULT-VALUE}).")
  int adminPort;

  @Option(names = "--kubelet-port", defaultValue = "10250",
      description = "kubelet API (containerLogs, exec) on the node IP, published as the Node's kubeletEndpoint (default ${DEFAULT-VALUE}).")
  int kubeletPort;

  @Option(names = "--kubelet-socket",
      description = "Also serve the kubelet API on this Unix socket, published as the Node's svclab.io/kubelet-socket"
          + " annotation, which the apiserver dials instead of the node IP (./lab up --netns: the apiserver has no route"
          + " to the nodes' namespaces) (default: none).")
  Path kubeletSocket;

  @Option(names = "--data", defaultValue = ".lab/node-1", description = "Per-pod container roots and logs (default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--component-logs",
      description = "The lab's log directory: `kubectl logs` of a lab component's mirror pod on this node reads <dir>/<component>.log (default: none).")
  Path componentLogs;

  @Option(names = "--lease-renew-seconds", defaultValue = "2", description = "Lease renew interval (kubelet: 10; default ${DEFAULT-VALUE}).")
  int leaseRenewSeconds;

  @Option(names = "--node-status-seconds", defaultValue = "10", description = "Node status heartbeat interval (default ${DEFAULT-VALUE}).")
  int nodeStatusSeconds;

  @Option(names = "--cluster-dns", description = "nameserver written to pods' resolv.conf (default: kube-system/kube-dns's ClusterIP).")
  String clusterDns;

  @Option(names = "--max-pods", defaultValue = "250", description = "Pod capacity reported (default ${DEFAULT-VALUE}).")
  int maxPods;

  @Option(names = "--pod-network", defaultValue = "loopback",
      description = "Where pods live: loopback (pod IPs are loopback addresses of this namespace) or netns (each pod a"
          + " network namespace on the bridge --pod-bridge, wired as the CNI bridge plugin does; root) (default ${DEFAULT-VALUE}).")
  String podNetwork;

  @Option(names = "--pod-bridge", defaultValue = "cni0",
      description = "With --pod-network netns: the bridge pods are plugged into, holding the podCIDR's first address (default ${DEFAULT-VALUE}).")
  String podBridge;

  @Option(names = "--pod-netns-prefix", defaultValue = "svclab-pod",
      description = "With --pod-network netns: pod namespaces are PREFIX-<pod IP with dashes> (default ${DEFAULT-VALUE}).")
  String podNetnsPrefix;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!podNetwork.equals("loopback") && !podNetwork.equals("netns")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Unsupported value: \"" + podNetwork
          + "\": supported values: \"loopback\", \"netns\"");
    }
    PodIpAllocator ips = new PodIpAllocator(podCidr);
    PodNetwork network = PodNetwork.loopback();
    if (podNetwork.equals("netns")) {
      Ipv4Prefix cidr = Ipv4Prefix.parse(podCidr);
      NamespacePodNetwork namespaces = new NamespacePodNetwork(podNetnsPrefix, podBridge, cidr.length(),
          Ipv4.format(cidr.base() + 1));
      Optional<String> unusable = namespaces.unusable();
      if (unusable.isPresent()) {
        System.err.println("node-agent: " + unusable.get());
        return 1;
      }
      network = namespaces;
    }
    Files.createDirectories(data);
    ServiceProcess process = ServiceProcess.start("node-agent " + nodeName);
    ManagedChannel channel = process.register("api channel", ApiChannels.forTarget(api), ManagedChannel::shutdownNow);
    Clock clock = Clock.systemUTC();

    NodeRegistration registration = new NodeRegistration(new ResourceClient<>(channel, ResourceKinds.NODES),
        new ResourceClient<>(channel, ResourceKinds.LEASES), new ResourceClient<>(channel, ResourceKinds.NAMESPACES),
        new NodeObject.Config(nodeName, nodeIp, ips.cidr(), kubeletPort, maxPods,
            kubeletSocket == null ? "" : kubeletSocket.toAbsolutePath().toString()), clock);
    process.register("node heartbeat", registration.start(Duration.ofSeconds(leaseRenewSeconds),
        Duration.ofSeconds(nodeStatusSeconds)));

    Informer<Service> services = new Informer<>(channel, ResourceKinds.SERVICES, InformerOptions.all());
    Informer<Pod> pods = new Informer<>(channel, ResourceKinds.PODS,
        InformerOptions.all().withFieldSelector("spec.nodeName=" + nodeName));
    process.register("informers", () -> {
      pods.stop();
      services.stop();
    });

    if (network instanceof NamespacePodNetwork namespaces) {
      process.register("pod namespaces", namespaces);  // stopped after the pod servers (registered later, stopped first)
    }
    NettyServers servers = process.register("pod servers", new NettyServers(network));
    AtomicInteger threads = new AtomicInteger();
    ExecutorService blocking = Executors.newFixedThreadPool(16, r -> {
      Thread t = new Thread(r, "pod-blocking-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    process.register("blocking executor", blocking, ExecutorService::shutdownNow);
    ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "workload-timers");
      t.setDaemon(true);
      return t;
    });
    process.register("workload timers", timers, ScheduledExecutorService::shutdownNow);
    ApiPodWriter writer = process.register("pod writer", new ApiPodWriter(new ResourceClient<>(channel, ResourceKinds.PODS),
        new ResourceClient<>(channel, ResourceKinds.EVENTS), nodeName, clock));

    AttachPoints attachPoints = new AttachPoints();
    PodRuntime runtime = new PodRuntime(nodeName, nodeIp, data.toAbsolutePath(), new ImageCatalog(),
        new WorkloadLauncher(servers, timers, clock, attachPoints, network), new Prober(), writer, services::list,
        () -> clusterDns != null ? clusterDns : services.get("kube-system", "kube-dns")
            .map(s -> s.getSpec().getClusterIp()).orElse("127.96.0.10"),
        blocking, clock, new PodMetrics(PrometheusRegistry.defaultRegistry), network);
    ProcessActors actors = process.register("actors", ProcessActors.start("node-agent"));
    ActorRef<PodManager.Msg> podManager = actors.spawn(PodManager.create(runtime, ips), "pods");

    Path dataDir = data.toAbsolutePath();
    ExecHandler exec = new ExecHandler(dataDir, pods::get, (pod, container) -> ContainerEnvironment.build(pod, container,
        pod.getStatus().getPodIp(), nodeIp, ServiceEnvironment.forPod(services.list(), pod.getMetadata().getNamespace(),
            !pod.getSpec().hasEnableServiceLinks() || pod.getSpec().getEnableServiceLinks())), clock, attachPoints, network);
    KubeletServer kubelet = process.register("kubelet api", new KubeletServer(nodeIp, kubeletPort, dataDir,
        Optional.ofNullable(componentLogs).map(Path::toAbsolutePath), pods::get, exec, clock));
    if (kubeletSocket != null) {
      process.register("kubelet socket", DomainSocketForward.start(kubeletSocket.toAbsolutePath(),
          new InetSocketAddress(nodeIp, kubelet.port())));
    }

    process.register("admin", AdminServer.start(nodeIp, adminPort, () -> true,
        () -> registration.registered() && pods.hasSynced() && services.hasSynced()));

    services.start();
    pods.start();
    // Services first: containers get their Service variables at start
    services.awaitSynced(Duration.ofSeconds(30));
    pods.awaitSynced(Duration.ofDays(365));
    podManager.tell(new PodManager.Adopt(pods.list()));
    pods.addHandler(new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        podManager.tell(new PodManager.Upsert(pod));
      }

      @Override
      public void onUpdate(Pod oldPod, Pod newPod) {
        podManager.tell(new PodManager.Upsert(newPod));
      }

      @Override
      public void onDelete(Pod lastKnown) {
        podManager.tell(new PodManager.Removed(lastKnown));
      }
    });
    process.awaitTermination();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new NodeAgentMain()).execute(args));
  }
}
