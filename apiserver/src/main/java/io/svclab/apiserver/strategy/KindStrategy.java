package io.svclab.apiserver.strategy;

import com.google.protobuf.Message;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.apiserver.errors.Violation;
import io.svclab.client.resource.ResourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules of one resource kind that the registry's write pipeline applies, in this order:
 * prepare -> defaults -> validate -> allocate -> (store) -> commit or roll back the allocation.
 * Kubernetes calls this a REST strategy (RESTCreateStrategy, RESTUpdateStrategy, the graceful
 * delete and status/scale strategies). Everything but {@link #allocate} and {@link #release}
 * is pure: time and uid are passed in.
 */
public interface KindStrategy<T extends Message> {
  ResourceKind<T> kind();

  /** System-owned fields of a new object: uid, timestamps, generation, status reset. */
  T prepareForCreate(T object, Instant now, String uid);

  /**
   * What an update may change: a main-resource update keeps the old status (and system-held
   * values the user left unset), a status update ({@code statusOnly}) keeps the old spec and
   * metadata.
   */
  T prepareForUpdate(T updated, T old, boolean statusOnly);

  /** Kubernetes' defaults, as a new object. Allocates nothing. */
  T applyDefaults(T object);

  /** After defaulting: the generation goes up when the spec changed. */
  T bumpGeneration(T updated, T old);

  /** Every failing field of a create ({@code old == null}) or an update, in Kubernetes' words. */
  List<Violation> validate(T object, T old);

  /**
   * Takes what {@code object} needs beyond what {@code old} (null on create) holds. Throws
   * Invalid with every failing field, holding nothing then.
   */
  Allocation<T> allocate(T object, T old);

  /**
   * What {@link #allocate} would give {@code object}, for a dry run: kinds whose allocations are
   * shared (stored) answer from a scratch copy so a dry run writes nothing.
   */
  default T previewAllocation(T object, T old) {
    Allocation<T> allocation = allocate(object, old);
    T allocated = allocation.object();
    allocation.rollback();
    return allocated;
  }

  /** Gives back everything a removed object held. */
  void release(T removed);

  /**
   * Deletion policy: the object marked for deletion when it must wait (finalizers, a pod's grace
   * period, a namespace's contents), or empty when it can be removed now.
   */
  Optional<T> markForDeletion(T object, DeleteRequest request, Instant now);

  /** An object marked for deletion goes once nothing holds it any more. */
  boolean readyToRemove(T object);

  /** Whether marking an object of this kind starts the removal of what it contains (namespaces). */
  boolean deletionRemovesContents();

  /** Writes of this kind are routine traffic (renewals, events): logged at DEBUG, not on the console. */
  boolean routineWrites();

  /** The {@code /scale} subresource, for kinds that have one. */
  Optional<ScaleSubresource<T>> scale();
}
