package io.svclab.endpoints.mirroring;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointConditions;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Service;
import io.svclab.endpoints.AddressType;
import io.svclab.endpoints.ServiceTraits;
import io.svclab.endpoints.WellKnownKeys;
import io.svclab.endpoints.slices.DesiredPortGroups;
import io.svclab.endpoints.slices.SlicePlan;
import io.svclab.endpoints.slices.SlicePlanner;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The EndpointSliceMirroring controller's reconcile for one name (Kubernetes'
 * endpointslicemirroring reconciler): a selectorless Service's user-written Endpoints,
 * mirrored into EndpointSlices so that slice consumers (the proxy, DNS) see them too.
 */
public final class EndpointSliceMirror {
  private EndpointSliceMirror() {}

  /** Kubernetes' default --mirroring-max-endpoints-per-subset. */
  public static final int DEFAULT_MAX_ENDPOINTS_PER_SUBSET = 1000;

  /**
   * @param service   the Service of that name, or null when there is none
   * @param endpoints the Endpoints of that name, or null when there is none
   * @param existing  the slices labelled with that name and managed by
   *                  endpointslicemirroring-controller.k8s.io
   */
  public static SlicePlan reconcile(Service service, EndpointsObject endpoints, List<EndpointSlice> existing,
      int maxEndpointsPerSubset) {
    if (!shouldMirror(service, endpoints)) return SlicePlan.deleteAll(existing);

    Map<AddressType, DesiredPortGroups> desired = desired(endpoints, maxEndpointsPerSubset);
    SlicePlanner planner = new SlicePlanner(new MirrorSliceTemplate(endpoints), maxEndpointsPerSubset);
    boolean allowCreates = !endpoints.getMetadata().hasDeletionTimestamp();

    SlicePlan plan = SlicePlan.EMPTY;
    for (AddressType addressType : AddressType.values()) {
      List<EndpointSlice> ofType = existing.stream()
          .filter(s -> s.getAddressType().equals(addressType.wireName())).toList();
      DesiredPortGroups groups = desired.getOrDefault(addressType, new DesiredPortGroups());
      // The trigger time is not mirrored, so a null time keeps it off the slices.
      plan = plan.plus(planner.plan(groups, ofType, addressType.wireName(), null, allowCreates));
    }
    Set<String> ipTypes = Stream.of(AddressType.values()).map(AddressType::wireName).collect(Collectors.toSet());
    return plan.plus(SlicePlan.deleteAll(existing.stream().filter(s -> !ipTypes.contains(s.getAddressType())).toList()));
  }

  public static SlicePlan reconcile(Service service, EndpointsObject endpoints, List<EndpointSlice> existing) {
    return reconcile(service, endpoints, existing, DEFAULT_MAX_ENDPOINTS_PER_SUBSET);
  }

  /**
   * Mirror only for an existing Service without a selector (with one, the EndpointSlice
   * controller owns the slices), only for an Endpoints object that exists, is not marked
   * endpointslice.kubernetes.io/skip-mirror=true, and is not a leader-election lock.
   * Anything else: every mirrored slice goes.
   */
  public static boolean shouldMirror(Service service, EndpointsObject endpoints) {
    if (service == null || endpoints == null) return false;
    if (ServiceTraits.hasSelector(service)) return false;
    if ("true".equals(endpoints.getMetadata().getLabelsMap().get(WellKnownKeys.LABEL_SKIP_MIRROR))) return false;
    return !endpoints.getMetadata().containsAnnotations(WellKnownKeys.ANNOTATION_LEADER);
  }

  /**
   * Each subset's addresses (ready ones first, then not-ready ones) join the group of that
   * subset's ports and their own address type. At most maxEndpointsPerSubset are mirrored
   * per subset, so one subset fits one slice; addresses that are not IPs are skipped.
   */
  static Map<AddressType, DesiredPortGroups> desired(EndpointsObject endpoints, int maxEndpointsPerSubset) {
    Map<AddressType, DesiredPortGroups> desired = new EnumMap<>(AddressType.class);
    for (EndpointSubset subset : endpoints.getSubsetsList()) {
      List<EndpointSlicePort> ports = subset.getPortsList().stream().map(EndpointSliceMirror::slicePort).toList();
      int mirrored = 0;
      for (EndpointAddress address : subset.getAddressesList()) {
        if (mirrored >= maxEndpointsPerSubset) break;
        if (add(desired, ports, address, true)) mirrored++;
      }
      for (EndpointAddress address : subset.getNotReadyAddressesList()) {
        if (mirrored >= maxEndpointsPerSubset) break;
        if (add(desired, ports, address, false)) mirrored++;
      }
    }
    return desired;
  }

  private static boolean add(Map<AddressType, DesiredPortGroups> desired, List<EndpointSlicePort> ports,
      EndpointAddress address, boolean ready) {
    Optional<AddressType> type = AddressType.of(address.getIp());
    if (type.isEmpty()) return false;
    desired.computeIfAbsent(type.get(), t -> new DesiredPortGroups()).add(ports, endpoint(address, ready));
    return true;
  }

  /** Only ready is known for a hand-written address; serving and terminating stay unset. */
  private static Endpoint endpoint(EndpointAddress address, boolean ready) {
    Endpoint.Builder endpoint = Endpoint.newBuilder()
        .addAddresses(address.getIp())
        .setConditions(EndpointConditions.newBuilder().setReady(ready));
    if (address.hasTargetRef()) endpoint.setTargetRef(address.getTargetRef());
    if (address.hasNodeName()) endpoint.setNodeName(address.getNodeName());
    if (!address.getHostname().isEmpty()) endpoint.setHostname(address.getHostname());
    return endpoint.build();
  }

  private static EndpointSlicePort slicePort(EndpointPort port) {
    EndpointSlicePort.Builder slicePort = EndpointSlicePort.newBuilder()
        .setName(port.getName())
        .setPort(port.getPort())
        .setProtocol(port.getProtocol());
    if (port.hasAppProtocol()) slicePort.setAppProtocol(port.getAppProtocol());
    return slicePort.build();
  }
}
