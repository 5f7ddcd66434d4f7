package io.svclab.apiserver.strategy;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.client.resource.ResourceKind;
import java.time.Instant;
import java.util.Objects;

/**
 * The metadata rules every kind shares on create and update (Kubernetes' BeforeCreate /
 * BeforeUpdate): uid, timestamps, generation, and which half of the object (spec or status) a
 * write may change. Pure: time and uid are passed in. What differs per kind is in its strategy.
 */
public final class ObjectLifecycle {
  private ObjectLifecycle() {}

  public static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).build();
  }

  /** System-owned metadata of a new object: uid, creation stamp, generation 1 for kinds with a spec. */
  public static <T extends Message> T prepareForCreate(ResourceKind<T> kind, T obj, Instant now, String uid) {
    ObjectMeta.Builder meta = kind.meta(obj).toBuilder()
        .setUid(uid)
        .clearResourceVersion()
        .setCreationTimestamp(timestamp(now))
        .clearDeletionTimestamp()
        .clearDeletionGracePeriodSeconds();
    if (kind.specField() != null) {
      meta.setGeneration(1);
    } else {
      meta.clearGeneration();
    }
    return kind.withMeta(obj, meta.build());
  }

  /** The object without its status: status is written through UpdateStatus, never by a create. */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T withoutStatus(ResourceKind<T> kind, T obj) {
    FieldDescriptor status = kind.statusField();
    return status == null ? obj : (T) obj.toBuilder().clearField(status).build();
  }

  /**
   * The object an update stores: a main-resource update keeps the old status, a status update
   * keeps the old spec and metadata; uid, creation and deletion stamps never change.
   */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T prepareForUpdate(ResourceKind<T> kind, T updated, T old, boolean statusOnly) {
    ObjectMeta oldMeta = kind.meta(old);
    FieldDescriptor status = kind.statusField();
    if (statusOnly && status != null) {
      Message.Builder b = old.toBuilder();
      if (updated.hasField(status)) {
        b.setField(status, updated.getField(status));
      } else {
        b.clearField(status);
      }
      return kind.withMeta((T) b.build(), oldMeta);
    }
    Message.Builder b = updated.toBuilder();
    if (status != null) {
      if (old.hasField(status)) {
        b.setField(status, old.getField(status));
      } else {
        b.clearField(status);
      }
    }
    T out = (T) b.build();
    ObjectMeta.Builder meta = kind.meta(out).toBuilder()
        .setUid(oldMeta.getUid())
        .setNamespace(oldMeta.getNamespace())
        .setName(oldMeta.getName())
        .setCreationTimestamp(oldMeta.getCreationTimestamp())
        .setGeneration(oldMeta.getGeneration())
        .clearResourceVersion();
    if (oldMeta.hasDeletionTimestamp()) {
      meta.setDeletionTimestamp(oldMeta.getDeletionTimestamp());
      if (oldMeta.hasDeletionGracePeriodSeconds()) {
        meta.setDeletionGracePeriodSeconds(oldMeta.getDeletionGracePeriodSeconds());
      }
    } else {
      meta.clearDeletionTimestamp().clearDeletionGracePeriodSeconds();
    }
    return kind.withMeta(out, meta.build());
  }

  /**
   * The generation goes up when the spec changes. Called after defaulting, so a manifest that
   * leaves defaulted fields out is no change.
   */
  public static <T extends Message> T bumpGeneration(ResourceKind<T> kind, T updated, T old) {
    FieldDescriptor spec = kind.specField();
    if (spec == null || Objects.equals(updated.getField(spec), old.getField(spec))) {
      return updated;
    }
    return kind.withMeta(updated, kind.meta(updated).toBuilder().setGeneration(kind.meta(old).getGeneration() + 1).build());
  }
}
