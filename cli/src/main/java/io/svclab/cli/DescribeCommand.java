package io.svclab.cli;

import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.ListRequest;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.Service;
import io.svclab.cli.describe.DeploymentDescription;
import io.svclab.cli.describe.EndpointsDescription;
import io.svclab.cli.describe.NodeDescription;
import io.svclab.cli.describe.PodDescription;
import io.svclab.cli.describe.ServiceDescription;
import io.svclab.cli.errors.ServerError;
import io.svclab.cli.topology.LabTopology;
import io.svclab.client.admin.ApiChannels;
import io.svclab.client.flags.ApiFlag;
import io.svclab.client.kube.WellKnown;
import io.svclab.client.resource.ResourceClient;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./lab describe TYPE NAME}: kubectl describe's layout, with the object's Events at the bottom. */
@Command(name = "describe", description = "Show details of a resource and its Events (kubectl describe): svc, pod, deploy, node, endpoints.")
public final class DescribeCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Resource type: svc, pod, deploy, node, endpoints")
  String type;

  @Parameters(index = "1", description = "Name")
  String name;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default")
  String namespace;

  @Option(names = "--server", defaultValue = LabTopology.API_HOST + ":" + LabTopology.API_PORT, converter = ApiFlag.class,
      description = "API address, or a list host:port,host:port to fail over between.")
  String server;

  @Override
  public Integer call() {
    ResourceKind<?> kind;
    try {
      kind = ResourceNames.require(type);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
    ManagedChannel channel = ApiChannels.forTarget(server);
    try {
      String text = describe(channel, kind);
      if (text == null) {
        System.err.println("error: describe supports svc, pod, deploy, node and endpoints, not " + kind.plural());
        return 1;
      }
      System.out.print(text);
      return 0;
    } catch (StatusRuntimeException e) {
      System.err.println(ServerError.message(e, server));
      return 1;
    } finally {
      channel.shutdownNow();
    }
  }

  private String describe(ManagedChannel channel, ResourceKind<?> kind) {
    Instant now = Instant.now();
    ZoneId zone = ZoneId.systemDefault();
    String ns = kind.namespaced() ? namespace : "";
    if (kind == ResourceKinds.SERVICES) {
      Service svc = new ResourceClient<>(channel, ResourceKinds.SERVICES).get(ns, name);
      List<EndpointSlice> slices = new ResourceClient<>(channel, ResourceKinds.ENDPOINT_SLICES)
          .listItems(ns, WellKnown.LABEL_SERVICE_NAME + "=" + name);
      return ServiceDescription.render(svc, slices, events(channel, "Service", svc.getMetadata()), now, zone);
    }
    if (kind == ResourceKinds.PODS) {
      Pod pod = new ResourceClient<>(channel, ResourceKinds.PODS).get(ns, name);
      return PodDescription.render(pod, events(channel, "Pod", pod.getMetadata()), now, zone);
    }
    if (kind == ResourceKinds.DEPLOYMENTS) {
      Deployment d = new ResourceClient<>(channel, ResourceKinds.DEPLOYMENTS).get(ns, name);
      List<ReplicaSet> owned = new ResourceClient<>(channel, ResourceKinds.REPLICA_SETS).listItems(ns, "").stream()
          .filter(rs -> rs.getMetadata().getOwnerReferencesList().stream()
              .anyMatch(o -> o.getController() && o.getUid().equals(d.getMetadata().getUid())))
          .toList();
      return DeploymentDescription.render(d, owned, events(channel, "Deployment", d.getMetadata()), now, zone);
    }
    if (kind == ResourceKinds.NODES) {
      Node node = new ResourceClient<>(channel, ResourceKinds.NODES).get("", name);
      return NodeDescription.render(node, events(channel, "Node", node.getMetadata()), now, zone);
    }
    if (kind == ResourceKinds.ENDPOINTS) {
      EndpointsObject ep = new ResourceClient<>(channel, ResourceKinds.ENDPOINTS).get(ns, name);
      return EndpointsDescription.render(ep, events(channel, "Endpoints", ep.getMetadata()), now, zone);
    }
    return null;
  }

  /** kubectl's searchEvents: the Events API filtered by involvedObject name, namespace, kind and uid. */
  private static List<Event> events(ManagedChannel channel, String kind, ObjectMeta meta) {
    String selector = "involvedObject.name=" + meta.getName() + ",involvedObject.kind=" + kind
        + (meta.getNamespace().isEmpty() ? "" : ",involvedObject.namespace=" + meta.getNamespace())
        // kubelet names a Node by its name in place of its uid, so nodes are matched by name only
        + (meta.getUid().isEmpty() || "Node".equals(kind) ? "" : ",involvedObject.uid=" + meta.getUid());
    ResourceClient<Event> events = new ResourceClient<>(channel, ResourceKinds.EVENTS);
    return ResourceKinds.EVENTS.listItems(events.list(ListRequest.newBuilder()
        .setNamespace(meta.getNamespace()).setFieldSelector(selector).build()));
  }
}
