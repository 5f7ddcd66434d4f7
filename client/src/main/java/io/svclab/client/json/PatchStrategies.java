package io.svclab.client.json;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' {@code patchStrategy:"merge"} / {@code patchMergeKey} tags for the lists svclab
 * models: which list elements a strategic merge patch matches by key instead of replacing the
 * list. One table for the patcher and for the OpenAPI extensions kubectl reads.
 */
public final class PatchStrategies {
  private PatchStrategies() {}

  private static final String PKG = "svclab.api.v1.";

  /** Field full name -> merge key ("" for a merged list of scalars, e.g. finalizers). */
  private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
      Map.entry(PKG + "PodSpec.containers", "name"),
      Map.entry(PKG + "PodSpec.init_containers", "name"),
      Map.entry(PKG + "PodSpec.volumes", "name"),
      Map.entry(PKG + "Container.ports", "containerPort"),
      Map.entry(PKG + "Container.env", "name"),
      Map.entry(PKG + "Container.volume_mounts", "mountPath"),
      Map.entry(PKG + "ServiceSpec.ports", "port"),
      Map.entry(PKG + "ObjectMeta.owner_references", "uid"),
      Map.entry(PKG + "ObjectMeta.finalizers", ""),
      Map.entry(PKG + "PodStatus.conditions", "type"),
      Map.entry(PKG + "NodeStatus.conditions", "type"),
      Map.entry(PKG + "NodeStatus.addresses", "type"),
      Map.entry(PKG + "DeploymentStatus.conditions", "type"));

  /** The merge key of a list field with the merge strategy, empty when the list is replaced whole. */
  public static Optional<String> mergeKey(FieldDescriptor f) {
    return Optional.ofNullable(MERGE_KEYS.get(f.getFullName()));
  }
}
