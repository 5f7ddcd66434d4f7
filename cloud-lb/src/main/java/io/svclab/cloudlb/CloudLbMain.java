package io.svclab.cloudlb;

import io.svclab.client.flags.ControllerFlags;
import io.svclab.client.flags.GoDuration;
import io.grpc.ManagedChannel;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Service;
import io.svclab.client.actors.ProcessActors;
import io.svclab.client.admin.AdminServer;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.admin.ServiceProcess;
import io.svclab.client.controller.Controller;
import io.svclab.client.controller.ControllerOptions;
import io.svclab.client.informer.Informer;
import io.svclab.client.informer.InformerOptions;
import io.svclab.client.informer.ResourceEventHandler;
import io.svclab.client.leader.LeaderCallbacks;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.cloudlb.balancer.HealthChecks;
import io.svclab.cloudlb.balancer.LoadBalancers;
import io.svclab.cloudlb.balancer.NodeTarget;
import io.svclab.client.events.EventRecorder;
import io.svclab.cloudlb.ipam.IpPool;
import io.svclab.cloudlb.service.ServiceSync;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code cloud-lb}: a fake cloud. Plays the cloud-controller-manager's service controller
 * (LoadBalancer IPs from a pool into Service status, Events, the cleanup finalizer) and the
 * cloud's L4 load balancer (Netty listeners on those IPs forwarding to the nodes' NodePorts).
 */
@Command(name = "cloud-lb", mixinStandardHelpOptions = true,
    description = "svclab cloud-lb: LoadBalancer IPs for Services and an L4 balancer to the NodePorts.",
    footer = {"",
        "Examples:",
        "Normally started by ./lab up (see ./lab status). By hand, from the svclab checkout:",
        "  java -cp 'cli/target/lib/*' io.svclab.cloudlb.CloudLbMain --api 127.0.0.1:6443 --pool 127.100.0.0/24 --admin-port 6084"})
public final class CloudLbMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(CloudLbMain.class);
  static final String LEASE_NAMESPACE = "kube-system";
  static final String LEASE_NAME = "svclab-cloud-lb";

  @Mixin ControllerFlags flags;

  @Option(names = "--pool", defaultValue = "127.100.0.0/24",
      description = "LoadBalancer address pool: a CIDR or a range a.b.c.d-e.f.g.h (default ${DEFAULT-VALUE}).")
  String pool;

  @Option(names = "--admin-port", defaultValue = "6084", description = "Port of /metrics, /healthz, /readyz.")
  int adminPort;

  @Option(names = "--health-check-interval", defaultValue = "2s", converter = GoDuration.class,
      description = "How often nodes' healthCheckNodePort is probed for externalTrafficPolicy Local (default 2s).")
  Duration healthCheckInterval;

  @Override
  public Integer call() throws Exception {
    IpPool ipPool = IpPool.parse(pool);
    ServiceProcess process = ServiceProcess.start("cloud-lb");
    ManagedChannel channel = process.register("api channel", ApiChannels.forTarget(flags.api()), ManagedChannel::shutdownNow);
    CloudLbMetrics metrics = new CloudLbMetrics(PrometheusRegistry.defaultRegistry);
    metrics.pool(0, ipPool.capacity());

    Informer<Service> services = new Informer<>(channel, ResourceKinds.SERVICES, InformerOptions.all());
    Informer<Node> nodes = new Informer<>(channel, ResourceKinds.NODES, InformerOptions.all());
    Informer<EndpointSlice> slices = new Informer<>(channel, ResourceKinds.ENDPOINT_SLICES, InformerOptions.all());
    process.register("informers", () -> List.of(services, nodes, slices).forEach(Informer::stop));

    HealthChecks health = process.register("health checks", new HealthChecks(healthCheckInterval, metrics).start());
    LoadBalancers balancers = process.register("balancers", new LoadBalancers(health, metrics));
    EventRecorder<Service> events = new EventRecorder<>(new ResourceClient<>(channel, ResourceKinds.EVENTS),
        ResourceKinds.SERVICES, "service-controller", Clock.systemUTC(), op -> { });
    ServiceSync sync = new ServiceSync(services, nodes, slices, new ResourceClient<>(channel, ResourceKinds.SERVICES),
        ipPool, balancers, events, metrics);
    // One worker: the pool is one piece of bookkeeping, and writes are few.
    ProcessActors actors = process.register("actors", ProcessActors.start("cloud-lb"));
    Controller controller = new Controller(actors, ControllerOptions.named("service-controller").withWorkers(1), sync)
        .watch(services)
        .watch(nodes, n -> List.of())
        // allocateLoadBalancerNodePorts false: endpoints are the targets, so slices matter
        .watch(slices, sl -> {
          String key = sl.getMetadata().getNamespace() + "/"
              + sl.getMetadata().getLabelsOrDefault(ServiceSync.SERVICE_NAME_LABEL, "");
          return services.getByKey(key).filter(s -> s.getSpec().hasAllocateLoadBalancerNodePorts()
              && !s.getSpec().getAllocateLoadBalancerNodePorts()).map(s -> List.of(key)).orElse(List.of());
        });
    sync.setEnqueue(controller::enqueue);
    nodes.addHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(Node n) { hostsChanged(); }
      @Override public void onUpdate(Node o, Node n) {
        if (!NodeTarget.of(o).equals(NodeTarget.of(n))) hostsChanged();
      }
      @Override public void onDelete(Node n) { hostsChanged(); }
      private void hostsChanged() { sync.allKeys().forEach(controller::enqueue); }
    });
    process.register("service-controller", controller);

    process.register("admin", AdminServer.start(flags.bindAddress(), adminPort, () -> true,
        () -> services.hasSynced() && nodes.hasSynced() && slices.hasSynced()));
    services.start();
    nodes.start();
    slices.start();

    String lease = LEASE_NAMESPACE + "/" + LEASE_NAME;
    LeaderCallbacks leadership = new LeaderCallbacks() {
      @Override
      public void onStartedLeading() {
        metrics.leading(lease, true);
        try {
          services.awaitSynced(Duration.ofSeconds(30));
          nodes.awaitSynced(Duration.ofSeconds(30));
          slices.awaitSynced(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        int adopted = sync.adopt();
        controller.start();
        List<String> keys = sync.allKeys();
        keys.forEach(controller::enqueue);
        log.info("leading {}: re-adopted {} IPs from Service status, syncing {} Services (pool {})",
            lease, adopted, keys.size(), ipPool);
      }

      @Override
      public void onStoppedLeading() {
        metrics.leading(lease, false);
        controller.stop(Duration.ofMillis(300));
        sync.standDown();
        log.info("standing by: balancers closed, pool forgotten");
      }
    };
    flags.lead(process, channel, LEASE_NAMESPACE, LEASE_NAME, leadership);
    process.awaitTermination();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new CloudLbMain()).execute(args));
  }
}
