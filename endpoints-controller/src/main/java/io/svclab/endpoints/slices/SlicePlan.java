package io.svclab.endpoints.slices;

import io.svclab.api.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * The writes that take the existing slices to the desired ones. The shell performs them in
 * Kubernetes' order: creates, then updates, then deletes. Creates carry generateName and no
 * name; updates carry the name and resourceVersion of the slice they replace.
 */
public record SlicePlan(List<EndpointSlice> toCreate, List<EndpointSlice> toUpdate, List<EndpointSlice> toDelete) {

  public static final SlicePlan EMPTY = new SlicePlan(List.of(), List.of(), List.of());

  public SlicePlan {
    toCreate = List.copyOf(toCreate);
    toUpdate = List.copyOf(toUpdate);
    toDelete = List.copyOf(toDelete);
  }

  public boolean isEmpty() {
    return toCreate.isEmpty() && toUpdate.isEmpty() && toDelete.isEmpty();
  }

  public static SlicePlan deleteAll(List<EndpointSlice> slices) {
    return new SlicePlan(List.of(), List.of(), SliceOrder.byName(slices));
  }

  public SlicePlan plus(SlicePlan other) {
    List<EndpointSlice> create = new ArrayList<>(toCreate);
    create.addAll(other.toCreate);
    List<EndpointSlice> update = new ArrayList<>(toUpdate);
    update.addAll(other.toUpdate);
    List<EndpointSlice> delete = new ArrayList<>(toDelete);
    delete.addAll(other.toDelete);
    return new SlicePlan(create, update, delete);
  }
}
