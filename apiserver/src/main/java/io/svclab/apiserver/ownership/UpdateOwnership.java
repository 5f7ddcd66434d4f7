package io.svclab.apiserver.ownership;

import com.google.protobuf.Message;
import io.svclab.api.v1.ManagedFieldsEntry;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.apiserver.defaults.Defaults;
import io.svclab.client.json.KubeJson;
import io.svclab.client.resource.ResourceKind;
import com.google.gson.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * {@code managedFields} after an update, as kube-apiserver's {@code FieldManager.Update} records
 * them for every write that names a manager (REST and gRPC alike): the owners it starts from
 * ({@link #starting}), then {@link FieldOwnership#update} over the stored object and the written one
 * with Kubernetes' declared defaults filled in, because kube-apiserver's decoder defaults before
 * its field manager runs: the writer owns {@code type}, {@code sessionAffinity}, a port's
 * {@code protocol}... it left out, and nobody owns what the strategy and allocator fill later
 * (clusterIP, ipFamilies, nodePort).
 */
public final class UpdateOwnership {
  private UpdateOwnership() {}

  /**
   * Kubernetes' {@code decodeManagedFields}: a status write keeps the stored owners whatever it
   * sends; a reset ({@code []} in JSON, or one empty entry {@code [{}]}) starts from nobody; owners
   * the request sends replace the stored ones; a request without any keeps the stored ones, so a
   * client unaware of the field cannot wipe it.
   */
  public static List<Ownership> starting(List<ManagedFieldsEntry> requested, List<ManagedFieldsEntry> live,
      boolean resetRequested, String subresource) {
    if (!subresource.isEmpty()) {
      return ManagedFieldsEntries.read(live);
    }
    boolean oneEmptyEntry = requested.size() == 1 && requested.get(0).equals(ManagedFieldsEntry.getDefaultInstance());
    if ((resetRequested && requested.isEmpty()) || oneEmptyEntry) {
      return List.of();
    }
    List<Ownership> sent = ManagedFieldsEntries.read(requested);
    return sent.isEmpty() ? ManagedFieldsEntries.read(live) : sent;
  }

  /**
   * {@code written} with its managedFields after {@code manager} wrote it over {@code live} (null
   * for a create) through {@code subresource}; {@code requested} are the managedFields the request
   * carried (its object's, before the strategy prepared it).
   */
  public static <T extends Message> T record(ResourceKind<T> kind, UpdateManager manager, String subresource,
      Instant now, T live, List<ManagedFieldsEntry> requested, T written) {
    List<ManagedFieldsEntry> liveEntries = live == null ? List.of() : kind.meta(live).getManagedFieldsList();
    List<Ownership> owners = starting(requested, liveEntries, manager.resetRequested(), subresource);
    JsonObject before = live == null ? new JsonObject() : KubeJson.encode(live);
    JsonObject after = KubeJson.encode(Defaults.declared(kind, written));
    List<Ownership> next = FieldOwnership.update(owners, manager.name(), subresource, kind.apiVersion(), now, before,
        after, kind.prototype().getDescriptorForType());
    ObjectMeta meta = kind.meta(written);
    return kind.withMeta(written, meta.toBuilder().clearManagedFields()
        .addAllManagedFields(ManagedFieldsEntries.write(next)).build());
  }
}
