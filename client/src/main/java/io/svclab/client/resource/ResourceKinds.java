package io.svclab.client.resource;

import io.svclab.api.v1.Deployment;
import io.svclab.api.v1.DeploymentsGrpc;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicesGrpc;
import io.svclab.api.v1.EndpointsGrpc;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Event;
import io.svclab.api.v1.EventsGrpc;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LeasesGrpc;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.NamespacesGrpc;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.NodesGrpc;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodsGrpc;
import io.svclab.api.v1.ReplicaSet;
import io.svclab.api.v1.ReplicaSetsGrpc;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicesGrpc;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The resources of the API, each with its Kubernetes names. */
public final class ResourceKinds {
  private ResourceKinds() {}

  /** {@code kubectl get all}: the kinds Kubernetes puts in the {@code all} category. */
  private static final List<String> ALL_CATEGORY = List.of("all");

  public static final ResourceKind<Namespace> NAMESPACES =
      new ResourceKind<>("Namespace", "namespaces", "v1", false, NamespacesGrpc.getServiceDescriptor(),
          List.of("ns"), List.of());
  public static final ResourceKind<Node> NODES =
      new ResourceKind<>("Node", "nodes", "v1", false, NodesGrpc.getServiceDescriptor(),
          List.of("no"), List.of());
  public static final ResourceKind<Pod> PODS =
      new ResourceKind<>("Pod", "pods", "v1", true, PodsGrpc.getServiceDescriptor(),
          List.of("po"), ALL_CATEGORY);
  public static final ResourceKind<Service> SERVICES =
      new ResourceKind<>("Service", "services", "v1", true, ServicesGrpc.getServiceDescriptor(),
          List.of("svc"), ALL_CATEGORY);
  public static final ResourceKind<EndpointsObject> ENDPOINTS =
      new ResourceKind<>("Endpoints", "endpoints", "v1", true, EndpointsGrpc.getServiceDescriptor(),
          List.of("ep"), List.of());
  public static final ResourceKind<EndpointSlice> ENDPOINT_SLICES =
      new ResourceKind<>("EndpointSlice", "endpointslices", "discovery.k8s.io/v1", true,
          EndpointSlicesGrpc.getServiceDescriptor(),
          List.of(), List.of());
  public static final ResourceKind<Event> EVENTS =
      new ResourceKind<>("Event", "events", "v1", true, EventsGrpc.getServiceDescriptor(),
          List.of("ev"), List.of());
  public static final ResourceKind<Deployment> DEPLOYMENTS =
      new ResourceKind<>("Deployment", "deployments", "apps/v1", true, DeploymentsGrpc.getServiceDescriptor(),
          List.of("deploy"), ALL_CATEGORY);
  public static final ResourceKind<ReplicaSet> REPLICA_SETS =
      new ResourceKind<>("ReplicaSet", "replicasets", "apps/v1", true, ReplicaSetsGrpc.getServiceDescriptor(),
          List.of("rs"), ALL_CATEGORY);
  public static final ResourceKind<Lease> LEASES =
      new ResourceKind<>("Lease", "leases", "coordination.k8s.io/v1", true, LeasesGrpc.getServiceDescriptor(),
          List.of(), List.of());

  public static final List<ResourceKind<?>> ALL = List.of(
      NAMESPACES, NODES, PODS, SERVICES, ENDPOINTS, ENDPOINT_SLICES, EVENTS, DEPLOYMENTS, REPLICA_SETS, LEASES);

  /** Finds a kind by its Kind name, plural or short name, case-insensitively ("Service", "services", "svc"). */
  public static Optional<ResourceKind<?>> find(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return ALL.stream()
        .filter(k -> k.kind().toLowerCase(Locale.ROOT).equals(n) || k.plural().equals(n)
            || k.shortNames().contains(n))
        .findFirst();
  }
}
