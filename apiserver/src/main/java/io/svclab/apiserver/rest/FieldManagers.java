package io.svclab.apiserver.rest;

import com.google.protobuf.Message;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.errors.Violation;
import io.svclab.apiserver.ownership.Conflict;
import io.svclab.apiserver.ownership.ManagedFieldsEntries;
import io.svclab.apiserver.ownership.Ownership;
import io.svclab.client.resource.ResourceKind;
import java.util.List;

/**
 * The REST side of field ownership: who the manager of a request is, kube-apiserver's checks of
 * the {@code fieldManager} and {@code force} options, and {@code metadata.managedFields} moved
 * in and out of objects around {@link io.svclab.apiserver.ownership.FieldOwnership}'s decisions.
 */
final class FieldManagers {
  private FieldManagers() {}

  /** Kubernetes' limit on a field manager's name. */
  private static final int MAX_LENGTH = 128;

  /**
   * The manager of a create, update or patch: {@code fieldManager}, else the User-Agent up to its
   * first {@code /} ({@code kubectl/v1.32.0 (linux/amd64) ...} -> {@code kubectl}), as kube-apiserver's
   * {@code prefixFromUserAgent}.
   */
  static String updater(RestRequest req, String optionsKind) {
    String m = req.param("fieldManager");
    if (!m.isEmpty()) {
      checkLength(m, optionsKind);
      return m;
    }
    String agent = req.userAgent().split("/", 2)[0];
    return agent.length() > MAX_LENGTH ? agent.substring(0, MAX_LENGTH) : agent;
  }

  /** The manager of an apply: {@code fieldManager} is required. */
  static String applier(RestRequest req) {
    String m = req.param("fieldManager");
    if (m.isEmpty()) {
      throw ApiException.invalid("PatchOptions.meta.k8s.io", "", List.of(new Violation("fieldManager",
          "fieldManager: Required value: is required for apply patch")));
    }
    checkLength(m, "PatchOptions");
    return m;
  }

  /** {@code force} belongs to apply alone. */
  static void requireNoForce(RestRequest req) {
    if (req.query().containsKey("force")) {
      throw ApiException.invalid("PatchOptions.meta.k8s.io", "", List.of(new Violation("force",
          "force: Forbidden: may not be specified for non-apply patch")));
    }
  }

  private static void checkLength(String manager, String optionsKind) {
    if (manager.length() > MAX_LENGTH) {
      throw ApiException.invalid(optionsKind + ".meta.k8s.io", "", List.of(new Violation("fieldManager",
          "fieldManager: Too long: may not be more than " + MAX_LENGTH + " bytes")));
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static List<Ownership> owners(ResourceKind kind, Message obj) {
    return ManagedFieldsEntries.read(kind.meta(obj).getManagedFieldsList());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static Message withOwners(ResourceKind kind, Message obj, List<Ownership> owners) {
    ObjectMeta meta = kind.meta(obj);
    return kind.withMeta(obj, meta.toBuilder().clearManagedFields()
        .addAllManagedFields(ManagedFieldsEntries.write(owners)).build());
  }

  /** 409 Conflict as {@code NewApplyConflict}: the message, and one FieldManagerConflict cause per field. */
  static ApiException conflict(List<Conflict> conflicts) {
    List<Violation> causes = conflicts.stream()
        .map(c -> new Violation(c.path().toString(), c.path() + ": conflict with " + c.manager())).toList();
    return new ApiException(io.grpc.Status.Code.ABORTED, "Conflict", Conflict.message(conflicts), causes);
  }
}
