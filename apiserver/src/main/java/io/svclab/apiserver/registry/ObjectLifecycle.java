package io.svclab.apiserver.registry;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.PodStatus;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.time.Instant;
import java.util.Objects;

/**
 * The system-owned parts of an object on create and update (Kubernetes' PrepareForCreate /
 * PrepareForUpdate plus BeforeCreate/BeforeUpdate): uid, timestamps, generation, and which
 * half of the object (spec or status) a write may change. Pure: time and uid are passed in.
 */
public final class ObjectLifecycle {
  private ObjectLifecycle() {}

  public static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).build();
  }

  @SuppressWarnings("unchecked")
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
    T out = kind.withMeta(obj, meta.build());
    FieldDescriptor status = kind.statusField();
    if (kind == ResourceKinds.PODS) {
      out = (T) ((Pod) out).toBuilder().setStatus(PodStatus.newBuilder().setPhase("Pending")).build();
    } else if (kind == ResourceKinds.NAMESPACES) {
      // an empty status tells the defaulter this namespace is new: it adds the "kubernetes" finalizer and Active
      out = (T) ((Namespace) out).toBuilder().clearStatus().build();
    } else if (status != null && kind != ResourceKinds.NODES) {
      // status is written by controllers through UpdateStatus, never by a create (Nodes excepted, as in Kubernetes)
      out = (T) out.toBuilder().clearField(status).build();
    }
    return out;
  }

  /**
   * The object an update stores: a main-resource update keeps the old status, a status update
   * keeps the old spec and metadata; uid, creation and deletion stamps never change.
   */
  @SuppressWarnings("unchecked")
  public static <T extends Message> T prepareForUpdate(ResourceKind<T> kind, T updated, T old, boolean statusOnly) {
    ObjectMeta oldMeta = kind.meta(old);
    FieldDescriptor status = kind.statusField();
    T out;
    if (statusOnly && status != null) {
      Message.Builder b = old.toBuilder();
      if (updated.hasField(status)) {
        b.setField(status, updated.getField(status));
      } else {
        b.clearField(status);
      }
      out = (T) b.build();
      ObjectMeta.Builder meta = oldMeta.toBuilder();
      return kind.withMeta(out, meta.build());
    }
    Message.Builder b = updated.toBuilder();
    if (status != null) {
      if (old.hasField(status)) {
        b.setField(status, old.getField(status));
      } else {
        b.clearField(status);
      }
    }
    out = (T) b.build();
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

  /** An object marked for deletion goes once nothing holds it: no finalizers (and, for a pod, its grace is over). */
  public static <T extends Message> boolean readyToRemove(ResourceKind<T> kind, T obj) {
    ObjectMeta meta = kind.meta(obj);
    if (!meta.hasDeletionTimestamp() || meta.getFinalizersCount() > 0) {
      return false;
    }
    if (kind == ResourceKinds.NAMESPACES) {
      return ((Namespace) obj).getSpec().getFinalizersCount() == 0;
    }
    return kind != ResourceKinds.PODS || meta.getDeletionGracePeriodSeconds() == 0;
  }
}
