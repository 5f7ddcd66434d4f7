package io.svclab.endpoints.mirroring;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointSlicePort;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import io.svclab.endpoints.WellKnownKeys;
import io.svclab.endpoints.slices.ServiceSliceTemplate;
import io.svclab.endpoints.slices.SliceTemplate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Slices mirrored from a user-written Endpoints object, managed by endpointslicemirroring-controller.k8s.io. */
final class MirrorSliceTemplate implements SliceTemplate {
  private final EndpointsObject endpoints;

  MirrorSliceTemplate(EndpointsObject endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public EndpointSlice newSlice(List<EndpointSlicePort> ports, String addressType) {
    ObjectMeta meta = ObjectMeta.newBuilder()
        .setGenerateName(ServiceSliceTemplate.generateName(endpoints.getMetadata().getName()))
        .setNamespace(endpoints.getMetadata().getNamespace())
        .putAllLabels(labels())
        .putAllAnnotations(annotations())
        .addOwnerReferences(OwnerReference.newBuilder()
            .setApiVersion("v1")
            .setKind("Endpoints")
            .setName(endpoints.getMetadata().getName())
            .setUid(endpoints.getMetadata().getUid())
            .setController(true)
            .setBlockOwnerDeletion(true))
        .build();
    return EndpointSlice.newBuilder()
        .setApiVersion("discovery.k8s.io/v1")
        .setKind("EndpointSlice")
        .setMetadata(meta)
        .setAddressType(addressType)
        .addAllPorts(ports)
        .build();
  }

  /** A mirrored slice follows its Endpoints' labels and annotations exactly; any drift is a write. */
  @Override
  public MetadataSync syncMetadata(ObjectMeta existing) {
    Map<String, String> annotations = new HashMap<>(annotations());
    String trigger = existing.getAnnotationsMap().get(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME);
    boolean changed = !existing.getLabelsMap().equals(labels())
        || !withoutTriggerTime(existing.getAnnotationsMap()).equals(annotations);
    if (trigger != null) annotations.put(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME, trigger);
    return new MetadataSync(existing.toBuilder().clearLabels().putAllLabels(labels())
        .clearAnnotations().putAllAnnotations(annotations).build(), changed);
  }

  /** The mirroring controller recycles any slice it manages for this name; it never checks owners. */
  @Override
  public boolean owns(EndpointSlice slice) {
    return true;
  }

  /** An Endpoints object with no addresses mirrors to no slices at all. */
  @Override
  public boolean keepsPlaceholder() {
    return false;
  }

  /** The Endpoints' labels, with service-name and managed-by overwritten. */
  private Map<String, String> labels() {
    Map<String, String> labels = new HashMap<>(endpoints.getMetadata().getLabelsMap());
    labels.put(WellKnownKeys.LABEL_SERVICE_NAME, endpoints.getMetadata().getName());
    labels.put(WellKnownKeys.LABEL_MANAGED_BY, WellKnownKeys.MIRRORING_CONTROLLER);
    return labels;
  }

  /** The Endpoints' annotations but the trigger time and kubectl's last-applied copy. */
  private Map<String, String> annotations() {
    Map<String, String> annotations = new HashMap<>(endpoints.getMetadata().getAnnotationsMap());
    annotations.remove(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME);
    annotations.remove(WellKnownKeys.ANNOTATION_LAST_APPLIED);
    return annotations;
  }

  private static Map<String, String> withoutTriggerTime(Map<String, String> annotations) {
    Map<String, String> copy = new HashMap<>(annotations);
    copy.remove(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME);
    return copy;
  }
}
