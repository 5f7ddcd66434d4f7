package io.svclab.endpoints.legacy;

import io.svclab.api.v1.EndpointAddress;
import io.svclab.api.v1.EndpointPort;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.ObjectReference;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.api.v1.ServicePort;
import io.svclab.client.kube.Readiness;
import io.svclab.endpoints.AddressType;
import io.svclab.endpoints.ServiceTraits;
import io.svclab.endpoints.TriggerTime;
import io.svclab.endpoints.WellKnownKeys;
import io.svclab.endpoints.pods.PodState;
import io.svclab.endpoints.pods.TargetPorts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The legacy Endpoints controller's sync for one Service (Kubernetes'
 * endpoint.Controller.syncService), as pure functions: what the Endpoints object should
 * be, whether the stored one differs, and the object to write.
 */
public final class EndpointsBuilder {
  private EndpointsBuilder() {}

  private static final Comparator<Pod> POD_ORDER =
      Comparator.comparing((Pod p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName());

  /**
   * The Endpoints object a Service should have, or empty when this controller leaves it
   * alone: ExternalName Services have none, and selectorless Services have user-written ones.
   *
   * @param pods        the pods the Service's selector matches in its namespace
   * @param triggerTime written as last-change-trigger-time; null writes none
   */
  public static Optional<EndpointsObject> desired(Service service, List<Pod> pods, Instant triggerTime) {
    if (ServiceTraits.isExternalName(service) || !ServiceTraits.hasSelector(service)) return Optional.empty();

    boolean publishNotReady = service.getSpec().getPublishNotReadyAddresses();
    List<EndpointSubset> subsets = new ArrayList<>();
    for (Pod pod : pods.stream().sorted(POD_ORDER).toList()) {
      // Terminating pods are left out here (slices carry them with terminating=true);
      // publishNotReadyAddresses keeps them, since the user asked for every address.
      if (!PodState.shouldBeInEndpoints(pod, publishNotReady)) continue;
      Optional<EndpointAddress> address = address(service, pod);
      if (address.isEmpty()) continue;
      boolean ready = publishNotReady || Readiness.isReady(pod);

      if (service.getSpec().getPortsCount() == 0) {
        // Only a headless Service may have no ports; its addresses are published bare.
        if (ServiceTraits.isHeadless(service)) subsets.add(subset(address.get(), null, ready));
        continue;
      }
      for (ServicePort servicePort : service.getSpec().getPortsList()) {
        OptionalInt number = TargetPorts.find(pod, servicePort);
        if (number.isEmpty()) continue;
        EndpointPort.Builder port = EndpointPort.newBuilder()
            .setName(servicePort.getName())
            .setPort(number.getAsInt())
            .setProtocol(TargetPorts.protocol(servicePort.getProtocol()));
        if (servicePort.hasAppProtocol()) port.setAppProtocol(servicePort.getAppProtocol());
        subsets.add(subset(address.get(), port.build(), ready));
      }
    }
    List<EndpointSubset> packed = SubsetRepacker.repack(subsets);
    List<EndpointSubset> truncated = EndpointsTruncation.truncate(packed);

    ObjectMeta.Builder meta = ObjectMeta.newBuilder()
        .setName(service.getMetadata().getName())
        .setNamespace(service.getMetadata().getNamespace())
        .putAllLabels(service.getMetadata().getLabelsMap());
    if (ServiceTraits.isHeadless(service)) {
      meta.putLabels(WellKnownKeys.LABEL_HEADLESS, "");
    } else {
      meta.removeLabels(WellKnownKeys.LABEL_HEADLESS);
    }
    if (triggerTime != null) {
      meta.putAnnotations(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME, TriggerTime.format(triggerTime));
    }
    if (truncated != packed) meta.putAnnotations(WellKnownKeys.ANNOTATION_OVER_CAPACITY, "truncated");
    return Optional.of(EndpointsObject.newBuilder()
        .setApiVersion("v1")
        .setKind("Endpoints")
        .setMetadata(meta)
        .addAllSubsets(truncated)
        .build());
  }

  /**
   * Whether the stored object must be written. Ignored, as Kubernetes ignores them: the
   * trigger-time annotation, the targets' resourceVersions (a pod's unrelated edit must not
   * rewrite Endpoints), and the headless label (derived, not the Service's own). A missing
   * object, or one never stored (no resourceVersion), always needs a write.
   */
  public static boolean needsUpdate(EndpointsObject existing, EndpointsObject desired) {
    if (existing == null || existing.getMetadata().getResourceVersion().isEmpty()) return true;
    if (!withoutVersions(existing.getSubsetsList()).equals(withoutVersions(desired.getSubsetsList()))) return true;
    if (!withoutHeadless(existing.getMetadata().getLabelsMap()).equals(withoutHeadless(desired.getMetadata().getLabelsMap()))) {
      return true;
    }
    return existing.getMetadata().containsAnnotations(WellKnownKeys.ANNOTATION_OVER_CAPACITY)
        != desired.getMetadata().containsAnnotations(WellKnownKeys.ANNOTATION_OVER_CAPACITY);
  }

  /**
   * The object to write over {@code existing}: its identity, version and other annotations
   * kept; subsets, labels, trigger time and over-capacity mark taken from {@code desired}
   * (an absent one removed). With no existing object, {@code desired} is the create.
   */
  public static EndpointsObject merge(EndpointsObject existing, EndpointsObject desired) {
    if (existing == null) return desired;
    ObjectMeta.Builder meta = existing.getMetadata().toBuilder()
        .clearLabels()
        .putAllLabels(desired.getMetadata().getLabelsMap());
    for (String key : List.of(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME, WellKnownKeys.ANNOTATION_OVER_CAPACITY)) {
      String value = desired.getMetadata().getAnnotationsMap().get(key);
      if (value == null) meta.removeAnnotations(key);
      else meta.putAnnotations(key, value);
    }
    return existing.toBuilder()
        .setMetadata(meta)
        .clearSubsets()
        .addAllSubsets(desired.getSubsetsList())
        .build();
  }

  /**
   * Kubernetes' podToEndpointAddressForService: one IP per pod, of the Service's primary
   * family (ipFamilies[0]). Fallback without ipFamilies: the clusterIP's family, and for a
   * headless Service the family of the pod's own primary IP. No IP of that family: the pod
   * is left out.
   */
  static Optional<EndpointAddress> address(Service service, Pod pod) {
    List<String> ips = PodState.ips(pod);
    AddressType family;
    if (service.getSpec().getIpFamiliesCount() > 0) {
      family = "IPv6".equals(service.getSpec().getIpFamilies(0)) ? AddressType.IPv6 : AddressType.IPv4;
    } else if (!ServiceTraits.isHeadless(service)) {
      family = AddressType.of(service.getSpec().getClusterIp()).orElse(AddressType.IPv4);
    } else {
      family = ips.isEmpty() ? AddressType.IPv4 : AddressType.of(ips.get(0)).orElse(AddressType.IPv4);
    }
    Optional<String> ip = ips.stream().filter(family::matches).findFirst();
    return ip.map(value -> {
      EndpointAddress.Builder address = EndpointAddress.newBuilder()
          .setIp(value)
          .setTargetRef(ObjectReference.newBuilder()
              .setKind("Pod")
              .setNamespace(pod.getMetadata().getNamespace())
              .setName(pod.getMetadata().getName())
              .setUid(pod.getMetadata().getUid()));
      // a mirror pod of a control-plane process has an IP but no node; "" is no valid nodeName
      if (!pod.getSpec().getNodeName().isEmpty()) address.setNodeName(pod.getSpec().getNodeName());
      if (PodState.shouldSetHostname(pod, service)) address.setHostname(pod.getSpec().getHostname());
      return address.build();
    });
  }

  private static EndpointSubset subset(EndpointAddress address, EndpointPort port, boolean ready) {
    EndpointSubset.Builder subset = EndpointSubset.newBuilder();
    if (ready) subset.addAddresses(address);
    else subset.addNotReadyAddresses(address);
    if (port != null) subset.addPorts(port);
    return subset.build();
  }

  private static List<EndpointSubset> withoutVersions(List<EndpointSubset> subsets) {
    return subsets.stream().map(s -> s.toBuilder()
        .clearAddresses().addAllAddresses(s.getAddressesList().stream().map(EndpointsBuilder::withoutVersion).toList())
        .clearNotReadyAddresses()
        .addAllNotReadyAddresses(s.getNotReadyAddressesList().stream().map(EndpointsBuilder::withoutVersion).toList())
        .build()).toList();
  }

  private static EndpointAddress withoutVersion(EndpointAddress address) {
    if (!address.hasTargetRef()) return address;
    return address.toBuilder().setTargetRef(address.getTargetRef().toBuilder().clearResourceVersion()).build();
  }

  private static Map<String, String> withoutHeadless(Map<String, String> labels) {
    Map<String, String> copy = new HashMap<>(labels);
    copy.remove(WellKnownKeys.LABEL_HEADLESS);
    return copy;
  }
}
