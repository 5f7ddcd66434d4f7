package io.svclab.endpoints.slices;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import io.svclab.api.v1.Service;
import io.svclab.endpoints.ServiceTraits;
import io.svclab.endpoints.WellKnownKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Slices owned by a Service with a selector, managed by endpointslice-controller.k8s.io. */
public final class ServiceSliceTemplate implements SliceTemplate {
  private final Service service;

  public ServiceSliceTemplate(Service service) {
    this.service = service;
  }

  @Override
  public EndpointSlice newSlice(List<EndpointSlicePort> ports, String addressType) {
    ObjectMeta meta = ObjectMeta.newBuilder()
        .setGenerateName(generateName(service.getMetadata().getName()))
        .setNamespace(service.getMetadata().getNamespace())
        .putAllLabels(labels(Map.of()).metadata().getLabelsMap())
        .addOwnerReferences(ownerReference(service))
        .build();
    return EndpointSlice.newBuilder()
        .setApiVersion("discovery.k8s.io/v1")
        .setKind("EndpointSlice")
        .setMetadata(meta)
        .setAddressType(addressType)
        .addAllPorts(ports)
        .build();
  }

  /**
   * Kubernetes' setEndpointSliceLabels: a slice carries the Service's labels plus the three
   * reserved ones (service-name, managed-by, headless when the Service has no cluster IP).
   * Only a difference in the Service's own labels triggers a write; the reserved ones are
   * corrected whenever the slice is written for another reason.
   */
  @Override
  public MetadataSync syncMetadata(ObjectMeta existing) {
    MetadataSync labels = labels(existing.getLabelsMap());
    return new MetadataSync(existing.toBuilder().clearLabels().putAllLabels(labels.metadata().getLabelsMap()).build(),
        labels.changed());
  }

  private MetadataSync labels(Map<String, String> sliceLabels) {
    Map<String, String> own = withoutReserved(sliceLabels);
    Map<String, String> desired = withoutReserved(service.getMetadata().getLabelsMap());
    boolean changed = !own.equals(desired);
    if (ServiceTraits.isHeadless(service)) desired.put(WellKnownKeys.LABEL_HEADLESS, "");
    desired.put(WellKnownKeys.LABEL_SERVICE_NAME, service.getMetadata().getName());
    desired.put(WellKnownKeys.LABEL_MANAGED_BY, WellKnownKeys.ENDPOINTSLICE_CONTROLLER);
    return new MetadataSync(ObjectMeta.newBuilder().putAllLabels(desired).build(), changed);
  }

  private static Map<String, String> withoutReserved(Map<String, String> labels) {
    Map<String, String> copy = new HashMap<>(labels);
    copy.remove(WellKnownKeys.LABEL_SERVICE_NAME);
    copy.remove(WellKnownKeys.LABEL_MANAGED_BY);
    copy.remove(WellKnownKeys.LABEL_HEADLESS);
    return copy;
  }

  /** Kubernetes' ownedBy: an owner reference to this very Service (uid), not just its name. */
  @Override
  public boolean owns(EndpointSlice slice) {
    return slice.getMetadata().getOwnerReferencesList().stream().anyMatch(ref ->
        ref.getUid().equals(service.getMetadata().getUid()) && "Service".equals(ref.getKind())
            && "v1".equals(ref.getApiVersion()));
  }

  @Override
  public boolean keepsPlaceholder() {
    return true;
  }

  static OwnerReference ownerReference(Service service) {
    return OwnerReference.newBuilder()
        .setApiVersion("v1")
        .setKind("Service")
        .setName(service.getMetadata().getName())
        .setUid(service.getMetadata().getUid())
        .setController(true)
        .setBlockOwnerDeletion(true)
        .build();
  }

  /**
   * "<service>-", so generated names read well. Fallback: the bare name when the dash would
   * push the prefix past the 253-character object name limit.
   */
  public static String generateName(String serviceName) {
    String prefix = serviceName + "-";
    return prefix.length() <= 253 ? prefix : serviceName;
  }
}
