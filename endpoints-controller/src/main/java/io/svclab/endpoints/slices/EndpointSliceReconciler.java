package io.svclab.endpoints.slices;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.endpoints.AddressType;
import io.svclab.endpoints.ServiceTraits;
import io.svclab.endpoints.pods.PodState;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The EndpointSlice controller's reconcile for one Service (Kubernetes'
 * endpointslice.Reconciler.Reconcile), as a pure function of immutable snapshots. The shell
 * lists the inputs from its informers and performs the returned {@link SlicePlan}.
 */
public final class EndpointSliceReconciler {
  private EndpointSliceReconciler() {}

  public static final int DEFAULT_MAX_ENDPOINTS_PER_SLICE = 100;

  private static final Comparator<Pod> POD_ORDER =
      Comparator.comparing((Pod p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName());

  /**
   * @param pods     the pods the Service's selector matches in its namespace
   * @param existing the slices labelled with this Service's name and managed by
   *                 endpointslice-controller.k8s.io
   * @param nodes    nodes by name, for each endpoint's zone
   * @param now      the last-change-trigger-time written on every slice the plan touches
   */
  public static SlicePlan reconcile(Service service, List<Pod> pods, List<EndpointSlice> existing,
      Map<String, Node> nodes, int maxEndpointsPerSlice, Instant now) {
    // ExternalName Services have no endpoints; selectorless ones get theirs from the user
    // (and the mirroring controller). Either way this controller writes nothing, and leaves
    // alone any slices it wrote earlier: Kubernetes does the same.
    if (ServiceTraits.isExternalName(service) || !ServiceTraits.hasSelector(service)) return SlicePlan.EMPTY;

    List<AddressType> addressTypes = ServiceTraits.addressTypes(service);
    Set<String> supported = addressTypes.stream().map(AddressType::wireName).collect(Collectors.toSet());
    SlicePlanner planner = new SlicePlanner(new ServiceSliceTemplate(service), maxEndpointsPerSlice);
    List<Pod> ordered = pods.stream().sorted(POD_ORDER).toList();

    SlicePlan plan = SlicePlan.EMPTY;
    for (AddressType addressType : addressTypes) {
      List<EndpointSlice> ofType = existing.stream()
          .filter(s -> s.getAddressType().equals(addressType.wireName())).toList();
      plan = plan.plus(planner.plan(desired(service, ordered, nodes, addressType), ofType,
          addressType.wireName(), now, !ServiceTraits.isDeleting(service)));
    }
    // A slice of a family the Service no longer has is deleted outright, never recycled.
    List<EndpointSlice> unsupported = existing.stream()
        .filter(s -> !supported.contains(s.getAddressType())).toList();
    return plan.plus(SlicePlan.deleteAll(unsupported));
  }

  /** {@link #reconcile} with Kubernetes' default of 100 endpoints per slice. */
  public static SlicePlan reconcile(Service service, List<Pod> pods, List<EndpointSlice> existing,
      Map<String, Node> nodes, Instant now) {
    return reconcile(service, pods, existing, nodes, DEFAULT_MAX_ENDPOINTS_PER_SLICE, now);
  }

  /**
   * Pods that were left out because their node is not (yet) known. Kubernetes leaves them
   * out and retries the Service, so that a pod bound to a vanished node cannot pin a slice
   * forever; the shell should requeue the Service when this is not empty. A pod bound to no
   * node at all (the lab's control-plane mirror pods) is left out too, but no node will ever
   * come for it, so it asks for no retry.
   */
  public static List<Pod> podsAwaitingNode(Service service, List<Pod> pods, Map<String, Node> nodes) {
    if (service.getSpec().getPublishNotReadyAddresses()) return List.of();
    return pods.stream()
        .filter(p -> PodState.shouldBeInEndpoints(p, true))
        .filter(p -> !p.getSpec().getNodeName().isEmpty())
        .filter(p -> !nodes.containsKey(p.getSpec().getNodeName()))
        .sorted(POD_ORDER)
        .toList();
  }

  /**
   * Every pod that should be in endpoints (terminating ones included, for their
   * serving/terminating conditions) joins the group of the ports it resolves to.
   * Fallback for a pod whose node is unknown: left out, unless publishNotReadyAddresses
   * asks for every address, in which case it is published without a zone.
   */
  static DesiredPortGroups desired(Service service, List<Pod> pods, Map<String, Node> nodes, AddressType addressType) {
    DesiredPortGroups desired = new DesiredPortGroups();
    for (Pod pod : pods) {
      if (!PodState.shouldBeInEndpoints(pod, true)) continue;
      List<EndpointSlicePort> ports = PodEndpoints.ports(service, pod);
      desired.register(ports);
      Node node = nodes.get(pod.getSpec().getNodeName());
      if (node == null && !service.getSpec().getPublishNotReadyAddresses()) continue;
      var endpoint = PodEndpoints.endpoint(pod, node, service, addressType);
      if (endpoint.getAddressesCount() > 0) desired.add(ports, endpoint);
    }
    return desired;
  }
}
