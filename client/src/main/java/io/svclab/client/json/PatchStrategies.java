package io.svclab.client.json;

import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Kubernetes' {@code patchStrategy:"merge"} / {@code patchMergeKey} tags for the lists svclab
 * models: which list elements a strategic merge patch matches by key instead of replacing the
 * list. One table for the patcher, for server-side apply (whose {@code x-kubernetes-list-map-keys}
 * are the merge key plus, for ports, the protocol) and for the OpenAPI extensions kubectl reads.
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

  /**
   * Server-side apply's list-map keys where they are more than the merge key: a Service may
   * expose port 53 twice, over UDP and TCP ({@code +listMapKey=port +listMapKey=protocol}).
   */
  private static final Map<String, List<String>> EXTRA_MAP_KEYS = Map.of(
      PKG + "ServiceSpec.ports", List.of("port", "protocol"),
      PKG + "Container.ports", List.of("containerPort", "protocol"));

  /** Defaults of list-map keys, which apply uses when an element leaves its key out (the OpenAPI {@code default}). */
  private static final Map<String, String> KEY_DEFAULTS = Map.of(
      PKG + "ServicePort.protocol", "TCP",
      PKG + "ContainerPort.protocol", "TCP");

  /** Fields apply owns and replaces as one value ({@code +mapType=atomic}, {@code +structType=atomic}). */
  private static final Set<String> ATOMIC = Set.of(
      PKG + "ServiceSpec.selector", PKG + "DeploymentSpec.selector", PKG + "ReplicaSetSpec.selector");

  /** The merge key of a list field with the merge strategy, empty when the list is replaced whole. */
  public static Optional<String> mergeKey(FieldDescriptor f) {
    return Optional.ofNullable(MERGE_KEYS.get(f.getFullName()));
  }

  /**
   * Server-side apply's keys of a list: the keys of a list map (elements matched by them), an empty
   * list for a set of scalars, nothing for an atomic list (replaced whole).
   */
  public static Optional<List<String>> listMapKeys(FieldDescriptor f) {
    List<String> extra = EXTRA_MAP_KEYS.get(f.getFullName());
    if (extra != null) {
      return Optional.of(extra);
    }
    return mergeKey(f).map(k -> k.isEmpty() ? List.of() : List.of(k));
  }

  /** The default of a list-map key field ({@code ServicePort.protocol} -> TCP), if it has one. */
  public static Optional<String> keyDefault(FieldDescriptor keyField) {
    return Optional.ofNullable(KEY_DEFAULTS.get(keyField.getFullName()));
  }

  /** Whether apply treats the field as one value (an atomic map or struct). */
  public static boolean atomic(FieldDescriptor f) {
    return ATOMIC.contains(f.getFullName());
  }
}
