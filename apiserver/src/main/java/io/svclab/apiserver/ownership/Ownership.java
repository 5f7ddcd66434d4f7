package io.svclab.apiserver.ownership;

import java.time.Instant;

/**
 * One {@code metav1.ManagedFieldsEntry}: the fields a manager owns through one operation
 * ({@link #APPLY} or {@link #UPDATE}), the apiVersion it wrote them in and when it last changed them.
 */
public record Ownership(String manager, String operation, String apiVersion, Instant time, FieldSet fields) {
  public static final String APPLY = "Apply";
  public static final String UPDATE = "Update";

  public boolean sameOwner(String otherManager, String otherOperation) {
    return manager.equals(otherManager) && operation.equals(otherOperation);
  }

  public Ownership withFields(FieldSet f) {
    return new Ownership(manager, operation, apiVersion, time, f);
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
