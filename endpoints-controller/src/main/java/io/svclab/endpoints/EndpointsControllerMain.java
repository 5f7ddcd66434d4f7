package io.svclab.endpoints;

import io.grpc.ManagedChannel;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.svclab.client.actors.ProcessActors;
import io.svclab.client.admin.AdminServer;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.admin.ServiceProcess;
import io.svclab.client.controller.Controller;
import io.svclab.client.controller.ControllerOptions;
import io.svclab.client.informer.Informer;
import io.svclab.client.informer.InformerOptions;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.endpoints.events.EventRouting;
import io.svclab.endpoints.leadership.ControllerLeadership;
import io.svclab.endpoints.metrics.EndpointSliceMetrics;
import io.svclab.endpoints.sync.ApiObjectWriter;
import io.svclab.endpoints.sync.InformerClusterView;
import io.svclab.endpoints.sync.ServiceSync;
import io.svclab.endpoints.sync.SliceExpectations;
import io.svclab.endpoints.sync.SyncSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import io.svclab.client.flags.ControllerFlags;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code endpoints-controller}: kube-controller-manager's EndpointSlice, Endpoints and
 * EndpointSliceMirroring controllers as one process. Informers on Services, Pods,
 * EndpointSlices, Endpoints and Nodes feed one work queue keyed by Service.
 */
@Command(name = "endpoints-controller", mixinStandardHelpOptions = true,
    description = "svclab endpoints controller: Services x Pods -> EndpointSlices and Endpoints.",
    footer = {"",
        "Examples:",
        "Normally started by ./lab up (see ./lab status). By hand, from the svclab checkout:",
        "  java -cp 'cli/target/lib/*' io.svclab.endpoints.EndpointsControllerMain --api 127.0.0.1:6443 --admin-port 6081"})
public final class EndpointsControllerMain implements Callable<Integer> {
  static final String LEASE_NAMESPACE = "kube-system";
  static final String LEASE_NAME = "svclab-endpoints-controller";

  @Mixin ControllerFlags flags;

  @Option(names = "--admin-port", defaultValue = "6081", description = "Port of /metrics, /healthz, /readyz.")
  int adminPort;

  @Option(names = "--max-endpoints-per-slice", defaultValue = "100", description = "Endpoints per EndpointSlice.")
  int maxEndpointsPerSlice;

  @Option(names = "--mirroring-max-endpoints-per-subset", defaultValue = "1000",
      description = "Addresses mirrored per Endpoints subset.")
  int maxMirroredPerSubset;

  @Option(names = "--workers", defaultValue = "4", description = "Services synced at once.")
  int workers;

  @Override
  public Integer call() throws Exception {
    if (maxEndpointsPerSlice < 1 || maxMirroredPerSubset < 1 || workers < 1) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "--max-endpoints-per-slice, --mirroring-max-endpoints-per-subset and --workers must be at least 1");
    }
    ServiceProcess process = ServiceProcess.start("endpoints-controller");
    ManagedChannel channel = process.register("api channel", ApiChannels.forTarget(flags.api()), ManagedChannel::shutdownNow);

    InformerClusterView view = new InformerClusterView(
        new Informer<>(channel, ResourceKinds.SERVICES, InformerOptions.all()),
        new Informer<>(channel, ResourceKinds.PODS, InformerOptions.all()),
        new Informer<>(channel, ResourceKinds.ENDPOINT_SLICES, InformerOptions.all()),
        new Informer<>(channel, ResourceKinds.ENDPOINTS, InformerOptions.all()),
        new Informer<>(channel, ResourceKinds.NODES, InformerOptions.all()));
    process.register("informers", () -> view.all().forEach(Informer::stop));

    EndpointSliceMetrics metrics = new EndpointSliceMetrics(PrometheusRegistry.defaultRegistry);
    SliceExpectations expectations = new SliceExpectations(Duration.ofSeconds(30));
    ServiceSync sync = new ServiceSync(view,
        new ApiObjectWriter<>(new ResourceClient<>(channel, ResourceKinds.ENDPOINT_SLICES)),
        new ApiObjectWriter<>(new ResourceClient<>(channel, ResourceKinds.ENDPOINTS)),
        expectations, metrics, new SyncSettings(maxEndpointsPerSlice, maxMirroredPerSubset), Clock.systemUTC());
    ProcessActors actors = process.register("actors", ProcessActors.start("endpoints-controller"));
    Controller controller = new Controller(actors, ControllerOptions.named("endpoints-controller").withWorkers(workers), sync);
    EventRouting routing = new EventRouting(view, expectations, controller::enqueue);
    view.serviceInformer().addHandler(routing.services());
    view.podInformer().addHandler(routing.pods());
    view.sliceInformer().addHandler(routing.slices());
    view.endpointsInformer().addHandler(routing.endpoints());
    view.nodeInformer().addHandler(routing.nodes());
    // The routing handlers above produce the keys; these registrations only make the
    // controller wait for every cache before its first sync.
    view.all().forEach(informer -> controller.watch(informer, o -> List.of()));
    process.register("controller", controller);

    process.register("admin", AdminServer.start(flags.bindAddress(), adminPort, () -> true, view::hasSynced));
    view.all().forEach(Informer::start);

    String lease = LEASE_NAMESPACE + "/" + LEASE_NAME;
    ControllerLeadership leadership = new ControllerLeadership(controller, routing::allKeys, metrics, lease);
    flags.lead(process, channel, LEASE_NAMESPACE, LEASE_NAME, leadership);
    process.awaitTermination();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EndpointsControllerMain()).execute(args));
  }
}
