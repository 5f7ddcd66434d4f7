package io.svclab.apiserver.strategy;

import com.google.protobuf.Message;
import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.apiserver.defaults.Defaults;
import io.svclab.apiserver.errors.Violation;
import io.svclab.apiserver.validation.FieldError;
import io.svclab.apiserver.validation.Validation;
import io.svclab.client.resource.ResourceKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The rules every kind has unless its own strategy says otherwise: status cleared on create,
 * the shared metadata rules of {@link ObjectLifecycle}, the kind's {@code defaults} and
 * {@code validation}, nothing allocated, and deletion that waits only for finalizers.
 */
public class DefaultStrategy<T extends Message> implements KindStrategy<T> {
  private final ResourceKind<T> kind;
  private final boolean routineWrites;

  protected DefaultStrategy(ResourceKind<T> kind, boolean routineWrites) {
    this.kind = kind;
    this.routineWrites = routineWrites;
  }

  /** A kind with no rules of its own. */
  public static <T extends Message> DefaultStrategy<T> of(ResourceKind<T> kind) {
    return new DefaultStrategy<>(kind, false);
  }

  /** A kind with no rules of its own whose writes are routine (Leases, Events). */
  public static <T extends Message> DefaultStrategy<T> routine(ResourceKind<T> kind) {
    return new DefaultStrategy<>(kind, true);
  }

  @Override
  public final ResourceKind<T> kind() { return kind; }

  @Override
  public T prepareForCreate(T object, Instant now, String uid) {
    return ObjectLifecycle.withoutStatus(kind, ObjectLifecycle.prepareForCreate(kind, object, now, uid));
  }

  @Override
  public T prepareForUpdate(T updated, T old, boolean statusOnly) {
    return ObjectLifecycle.prepareForUpdate(kind, updated, old, statusOnly);
  }

  @Override
  public T applyDefaults(T object) {
    return Defaults.apply(kind, object);
  }

  @Override
  public T bumpGeneration(T updated, T old) {
    return ObjectLifecycle.bumpGeneration(kind, updated, old);
  }

  @Override
  public List<Violation> validate(T object, T old) {
    List<FieldError> errors = old == null ? Validation.validateCreate(kind, object)
        : Validation.validateUpdate(kind, object, old);
    return errors.stream().map(e -> new Violation(e.field(), e.render())).toList();
  }

  @Override
  public Allocation<T> allocate(T object, T old) {
    return Allocation.none(object);
  }

  @Override
  public void release(T removed) { }

  @Override
  public Optional<T> markForDeletion(T object, DeleteRequest request, Instant now) {
    ObjectMeta meta = kind.meta(object);
    if (meta.getFinalizersCount() == 0) {
      return Optional.empty();
    }
    if (meta.hasDeletionTimestamp()) {
      return Optional.of(object);
    }
    return Optional.of(kind.withMeta(object, meta.toBuilder()
        .setDeletionTimestamp(ObjectLifecycle.timestamp(now)).setDeletionGracePeriodSeconds(0).build()));
  }

  @Override
  public boolean readyToRemove(T object) {
    ObjectMeta meta = kind.meta(object);
    return meta.hasDeletionTimestamp() && meta.getFinalizersCount() == 0;
  }

  @Override
  public boolean deletionRemovesContents() {
    return false;
  }

  @Override
  public final boolean routineWrites() {
    return routineWrites;
  }

  @Override
  public Optional<ScaleSubresource<T>> scale() {
    return Optional.empty();
  }
}
