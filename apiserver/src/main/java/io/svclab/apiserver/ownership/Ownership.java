package io.svclab.apiserver.ownership;

import java.time.Instant;

/**
 * One {@code metav1.ManagedFieldsEntry}: the fields a manager owns through one operation
 * ({@link #APPLY} or {@link #UPDATE}) of the object or of one of its subresources ({@code status};
 * empty for the object itself), the apiVersion it wrote them in and when it last changed them.
 */
public record Ownership(String manager, String operation, String apiVersion, Instant time, FieldSet fields,
    String subresource) {
  public static final String APPLY = "Apply";
  public static final String UPDATE = "Update";
  public static final String STATUS = "status";

  /** An owner through the object itself (no subresource). */
  public Ownership(String manager, String operation, String apiVersion, Instant time, FieldSet fields) {
    this(manager, operation, apiVersion, time, fields, "");
  }

  public boolean sameOwner(String otherManager, String otherOperation) {
    return sameOwner(otherManager, otherOperation, "");
  }

  /** Kubernetes keeps one entry per manager, operation and subresource. */
  public boolean sameOwner(String otherManager, String otherOperation, String otherSubresource) {
    return manager.equals(otherManager) && operation.equals(otherOperation) && subresource.equals(otherSubresource);
  }

  public Ownership withFields(FieldSet f) {
    return new Ownership(manager, operation, apiVersion, time, f, subresource);
  }

  /**
   * How a conflict names this owner ({@code printManager}): {@code "kubectl"} for an applier,
   * {@code "kubectl-client-side-apply" using v1} for an updater (the time is not part of the name).
   */
  public String printed() {
    String quoted = "\"" + manager.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    return operation.equals(UPDATE) ? quoted + " using " + apiVersion : quoted;
  }
}
