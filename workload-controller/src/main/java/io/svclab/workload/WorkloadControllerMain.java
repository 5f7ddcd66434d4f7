package io.svclab.workload;

import io.svclab.client.flags.ControllerFlags;
import io.svclab.client.flags.GoDuration;
import io.svclab.client.events.EventRecorder;
import io.grpc.ManagedChannel;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.client.actors.ProcessActors;
import io.svclab.client.admin.AdminServer;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.admin.ServiceProcess;
import io.svclab.client.controller.Controller;
import io.svclab.client.controller.ControllerOptions;
import io.svclab.client.informer.Informer;
import io.svclab.client.informer.InformerOptions;
import io.svclab.client.informer.ResourceEventHandler;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.workload.deployment.DeploymentSync;
import io.svclab.workload.gc.GarbageCollector;
import io.svclab.workload.nodelifecycle.NodeLifecycleSync;
import io.svclab.workload.replicaset.PodExpectations;
import io.svclab.workload.replicaset.ReplicaSetSync;
import io.svclab.workload.scheduler.SchedulerSync;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code workload-controller}: kube-controller-manager's Deployment, ReplicaSet, node
 * lifecycle and garbage-collector controllers plus kube-scheduler, as one process. Five
 * controllers (one work queue and one actor each, in the process' one ActorSystem) share informers on Deployments, ReplicaSets, Pods,
 * Nodes and the node Leases.
 */
@Command(name = "workload-controller", mixinStandardHelpOptions = true,
    description = "svclab workload controller: Deployments -> ReplicaSets -> Pods, scheduler, node lifecycle, GC.",
    footer = {"",
        "Examples:",
        "Normally started by ./lab up (see ./lab status). By hand, from the svclab checkout:",
        "  java -cp 'cli/target/lib/*' io.svclab.workload.WorkloadControllerMain --api 127.0.0.1:6443 --admin-port 6082"})
public final class WorkloadControllerMain implements Callable<Integer> {
  static final String LEASE_NAMESPACE = "kube-system";
  static final String LEASE_NAME = "svclab-workload-controller";
  /**
   * Binding writes in flight at once (each a blocking Update, then its Scheduled Event): one at
   * a time, 1,000 pods took 1,000 round trips and commits in a row (`./lab bench pods`).
   */
  static final int SCHEDULER_BINDERS = 8;

  @Mixin ControllerFlags flags;

  @Option(names = "--admin-port", defaultValue = "6082", description = "Port of /metrics, /healthz, /readyz.")
  int adminPort;

  @Option(names = "--node-monitor-grace-period", defaultValue = "40s", converter = GoDuration.class,
      description = "How long a node may go without renewing its Lease before it is marked NotReady (default 40s).")
  Duration nodeMonitorGracePeriod;

  @Override
  public Integer call() throws Exception {
    ServiceProcess process = ServiceProcess.start("workload-controller");
    ManagedChannel channel = process.register("api channel", ApiChannels.forTarget(flags.api()), ManagedChannel::shutdownNow);
    Clock clock = Clock.systemUTC();
    WorkloadMetrics metrics = new WorkloadMetrics(PrometheusRegistry.defaultRegistry);
    // the five controllers' actors are children of this one system (closed after them)
    ProcessActors actors = process.register("actors", ProcessActors.start("workload-controller"));

    Informer<Deployment> deployments = new Informer<>(channel, ResourceKinds.DEPLOYMENTS, InformerOptions.all());
    Informer<ReplicaSet> replicaSets = new Informer<>(channel, ResourceKinds.REPLICA_SETS, InformerOptions.all());
    Informer<Pod> pods = new Informer<>(channel, ResourceKinds.PODS, InformerOptions.all());
    Informer<Node> nodes = new Informer<>(channel, ResourceKinds.NODES, InformerOptions.all());
    Informer<Lease> nodeLeases = new Informer<>(channel, ResourceKinds.LEASES,
        InformerOptions.all().inNamespace(WellKnown.NODE_LEASE_NAMESPACE));
    List<Informer<?>> informers = List.of(deployments, replicaSets, pods, nodes, nodeLeases);
    process.register("informers", () -> informers.forEach(Informer::stop));

    var deploymentClient = new ResourceClient<>(channel, ResourceKinds.DEPLOYMENTS);
    var rsClient = new ResourceClient<>(channel, ResourceKinds.REPLICA_SETS);
    var podClient = new ResourceClient<>(channel, ResourceKinds.PODS);
    var nodeClient = new ResourceClient<>(channel, ResourceKinds.NODES);

    // Deployment controller
    DeploymentSync deploymentSync = new DeploymentSync(deployments, replicaSets, pods,
        new ApiWriter<>(deploymentClient, "deployment-controller", metrics),
        new ApiWriter<>(rsClient, "deployment-controller", metrics), clock);
    Controller deploymentController = controller(actors, "deployment-controller", 4, deploymentSync, metrics)
        .watch(deployments)
        .watch(replicaSets, DeploymentSync::keysOf)
        .watch(pods, deploymentSync::keysOf);

    // ReplicaSet controller
    ReplicaSetSync rsSync = new ReplicaSetSync(replicaSets, pods,
        new ApiWriter<>(podClient, "replicaset-controller", metrics),
        new ApiWriter<>(rsClient, "replicaset-controller", metrics),
        new PodExpectations(Duration.ofSeconds(30), clock), clock);
    Controller rsController = controller(actors, "replicaset-controller", 4, rsSync, metrics)
        .watch(replicaSets)
        .watch(pods, ReplicaSetSync::keysOf);

    // Scheduler: one worker, so each placement sees the bindings before it
    EventRecorder<Pod> schedulerEvents = new EventRecorder<>(new ResourceClient<>(channel, ResourceKinds.EVENTS),
        ResourceKinds.PODS, SchedulerSync.NAME, clock, op -> metrics.wrote(SchedulerSync.NAME, op, "Event"));
    // the binding cycle's writes: a few in flight, so the apiserver commits them together
    ExecutorService binder = process.register("scheduler binder", Executors.newFixedThreadPool(SCHEDULER_BINDERS, r -> {
      Thread t = new Thread(r, "scheduler-binder");
      t.setDaemon(true);
      return t;
    }), ExecutorService::shutdownNow);
    SchedulerSync scheduler = new SchedulerSync(pods, nodes, new ApiWriter<>(podClient, SchedulerSync.NAME, metrics),
        schedulerEvents, metrics, clock, binder);
    pods.addHandler(new ResourceEventHandler<>() {
      @Override public void onAdd(Pod pod) { scheduler.observed(pod); }
      @Override public void onUpdate(Pod old, Pod pod) { scheduler.observed(pod); }
      @Override public void onDelete(Pod pod) { scheduler.gone(pod); }
    });
    Controller schedulerController = controller(actors, SchedulerSync.NAME, 1, scheduler, metrics)
        .watch(pods, SchedulerSync::keysOf)
        .watch(nodes, node -> scheduler.waitingPods());
    scheduler.requeueThrough(schedulerController::enqueueAfter);

    // Node lifecycle controller
    NodeLifecycleSync nodeLifecycle = new NodeLifecycleSync(nodes, nodeLeases, pods,
        new ApiWriter<>(nodeClient, NodeLifecycleSync.NAME, metrics),
        new ApiWriter<>(podClient, NodeLifecycleSync.NAME, metrics), nodeMonitorGracePeriod, metrics, clock);
    Controller nodeController = controller(actors, NodeLifecycleSync.NAME, 2, nodeLifecycle, metrics)
        .watch(nodes)
        .watch(nodeLeases, lease -> List.of(lease.getMetadata().getName()));

    // Garbage collector
    GarbageCollector gc = new GarbageCollector(deployments, replicaSets, pods,
        new ApiWriter<>(deploymentClient, GarbageCollector.NAME, metrics),
        new ApiWriter<>(rsClient, GarbageCollector.NAME, metrics),
        new ApiWriter<>(podClient, GarbageCollector.NAME, metrics), metrics);
    Controller gcController = controller(actors, GarbageCollector.NAME, 2, gc, metrics)
        .watch(deployments, gc::dependentsOf)
        .watch(replicaSets, rs -> concat(GarbageCollector.keysOf(rs), gc.dependentsOf(rs)))
        .watch(pods, GarbageCollector::keysOf);

    List<Leadership.Member> members = List.of(
        new Leadership.Member(deploymentController, () -> deployments.list().stream().map(d -> ResourceKinds.DEPLOYMENTS.key(d)).toList()),
        new Leadership.Member(rsController, () -> replicaSets.list().stream().map(rs -> ResourceKinds.REPLICA_SETS.key(rs)).toList()),
        new Leadership.Member(schedulerController, scheduler::waitingPods),
        new Leadership.Member(nodeController, () -> nodes.list().stream().map(n -> n.getMetadata().getName()).toList()),
        new Leadership.Member(gcController, gc::allKeys));
    members.forEach(m -> process.register(m.controller().toString(), m.controller()));

    process.register("admin", AdminServer.start(flags.bindAddress(), adminPort, () -> true,
        () -> informers.stream().allMatch(Informer::hasSynced)));
    informers.forEach(Informer::start);

    String lease = LEASE_NAMESPACE + "/" + LEASE_NAME;
    Leadership leadership = new Leadership(members, metrics, lease);
    flags.lead(process, channel, LEASE_NAMESPACE, LEASE_NAME, leadership);
    process.awaitTermination();
    return 0;
  }

  private static Controller controller(ProcessActors actors, String name, int workers,
      io.svclab.client.controller.Reconciler reconciler, WorkloadMetrics metrics) {
    return new Controller(actors, ControllerOptions.named(name).withWorkers(workers), new MeasuredReconciler(name, reconciler, metrics));
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new WorkloadControllerMain()).execute(args));
  }
}
