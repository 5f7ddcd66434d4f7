package io.svclab.endpoints.slices;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.endpoints.TriggerTime;
import io.svclab.endpoints.WellKnownKeys;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes' EndpointSlice reconcile for one address type: the fewest slice writes that
 * take the existing slices of one owner to the desired endpoints. Pure: it reads immutable
 * snapshots and returns a {@link SlicePlan}.
 */
public final class SlicePlanner {
  private final SliceTemplate template;
  private final int maxEndpointsPerSlice;

  public SlicePlanner(SliceTemplate template, int maxEndpointsPerSlice) {
    if (maxEndpointsPerSlice < 1) throw new IllegalArgumentException("maxEndpointsPerSlice must be >= 1");
    this.template = template;
    this.maxEndpointsPerSlice = maxEndpointsPerSlice;
  }

  /**
   * @param existing     the owner's slices of this address type
   * @param triggerTime  written as last-change-trigger-time on every create and update;
   *                     null removes the annotation, as Kubernetes does for a zero time
   * @param allowCreates false while the owner is being deleted: creating slices then would
   *                     race the garbage collector
   */
  public SlicePlan plan(DesiredPortGroups desired, List<EndpointSlice> existing, String addressType,
      Instant triggerTime, boolean allowCreates) {
    List<EndpointSlice.Builder> toCreate = new ArrayList<>();
    List<EndpointSlice.Builder> toUpdate = new ArrayList<>();
    List<EndpointSlice> toDelete = new ArrayList<>();

    // Slices another owner left behind (same name, older uid) are deleted, never refilled.
    Map<PortSet, List<EndpointSlice>> existingByPorts = new TreeMap<>();
    for (EndpointSlice slice : SliceOrder.byName(existing)) {
      if (template.owns(slice)) {
        existingByPorts.computeIfAbsent(PortSet.of(slice.getPortsList()), k -> new ArrayList<>()).add(slice);
      } else {
        toDelete.add(slice);
      }
    }

    for (Map.Entry<PortSet, DesiredPortGroups.Group> entry : desired.groups().entrySet()) {
      PortGroupPlan group = planPortGroup(entry.getValue(), existingByPorts.getOrDefault(entry.getKey(), List.of()),
          addressType);
      toCreate.addAll(group.toCreate);
      toUpdate.addAll(group.toUpdate);
      toDelete.addAll(group.toDelete);
    }

    // Port sets nobody offers any more: all their slices go.
    existingByPorts.forEach((ports, slices) -> {
      if (!desired.groups().containsKey(ports)) toDelete.addAll(slices);
    });

    // An owner with no endpoints keeps exactly one empty slice, so consumers can tell
    // "no endpoints" from "not reconciled yet". An existing placeholder is left alone rather
    // than deleted and created again.
    if (template.keepsPlaceholder() && existing.size() == toDelete.size() && toCreate.isEmpty()) {
      EndpointSlice placeholder = template.newSlice(List.of(), addressType);
      if (toDelete.size() == 1 && samePlaceholder(toDelete.get(0), placeholder)) {
        toDelete.clear();
      } else {
        toCreate.add(placeholder.toBuilder());
      }
    }

    return finish(toCreate, toUpdate, toDelete, addressType, triggerTime, allowCreates);
  }

  /** Kubernetes' reconcileByPortMapping, for the slices that share one port set. */
  private PortGroupPlan planPortGroup(DesiredPortGroups.Group group, List<EndpointSlice> existing, String addressType) {
    DesiredEndpoints desired = group.endpoints().copy();
    Map<String, EndpointSlice.Builder> changed = new TreeMap<>();
    Map<String, EndpointSlice> unchanged = new TreeMap<>();
    List<EndpointSlice> toDelete = new ArrayList<>();

    // 1. Keep every endpoint that is still desired where it is, refreshed to its desired
    //    version; drop the rest. A slice left empty is deleted.
    for (EndpointSlice slice : existing) {
      List<Endpoint> kept = new ArrayList<>();
      boolean endpointChanged = false;
      for (Endpoint endpoint : slice.getEndpointsList()) {
        Endpoint wanted = desired.get(endpoint);
        if (wanted != null) {
          kept.add(wanted);
          if (!EndpointComparison.equalBeyondKey(wanted, endpoint)) endpointChanged = true;
          desired.remove(endpoint);
        }
      }
      SliceTemplate.MetadataSync metadata = template.syncMetadata(slice.getMetadata());
      String name = slice.getMetadata().getName();
      if (endpointChanged || kept.size() != slice.getEndpointsCount()) {
        if (kept.isEmpty()) {
          toDelete.add(slice);
        } else {
          changed.put(name, slice.toBuilder().clearEndpoints().addAllEndpoints(kept).setMetadata(metadata.metadata()));
        }
      } else if (metadata.changed()) {
        changed.put(name, slice.toBuilder().setMetadata(metadata.metadata()));
      } else {
        unchanged.put(name, slice);
      }
    }

    // 2. Slices that are written anyway are filled first, fullest first: a write already
    //    paid for is the cheapest place for a new endpoint.
    if (!desired.isEmpty() && !changed.isEmpty()) {
      List<EndpointSlice.Builder> fullestFirst = new ArrayList<>(changed.values());
      fullestFirst.sort(Comparator.comparingInt(EndpointSlice.Builder::getEndpointsCount).reversed());
      for (EndpointSlice.Builder slice : fullestFirst) fill(slice, desired);
    }

    // 3. What is left goes into the one unchanged slice it fits best (only when it all fits
    //    in one), else into new slices.
    List<EndpointSlice.Builder> toCreate = new ArrayList<>();
    while (!desired.isEmpty()) {
      EndpointSlice.Builder target = null;
      if (desired.size() < maxEndpointsPerSlice && !unchanged.isEmpty()) {
        EndpointSlice best = closestToFull(unchanged.values(), desired.size());
        if (best != null) {
          target = best.toBuilder();
          unchanged.remove(best.getMetadata().getName());
          changed.put(best.getMetadata().getName(), target);
        }
      }
      if (target == null) {
        target = template.newSlice(group.ports(), addressType).toBuilder();
        toCreate.add(target);
      }
      fill(target, desired);
    }
    return new PortGroupPlan(toCreate, new ArrayList<>(changed.values()), toDelete);
  }

  private void fill(EndpointSlice.Builder slice, DesiredEndpoints desired) {
    while (!desired.isEmpty() && slice.getEndpointsCount() < maxEndpointsPerSlice) {
      slice.addEndpoints(desired.pollFirst());
    }
  }

  /** Kubernetes' getSliceToFill: the slice left with the least room once the rest is in. */
  private EndpointSlice closestToFull(Iterable<EndpointSlice> slices, int count) {
    int closestRoom = maxEndpointsPerSlice;
    EndpointSlice closest = null;
    for (EndpointSlice slice : slices) {
      int room = maxEndpointsPerSlice - (count + slice.getEndpointsCount());
      if (room >= 0 && room < closestRoom) {
        closestRoom = room;
        closest = slice;
        if (room == 0) break;
      }
    }
    return closest;
  }

  /**
   * Kubernetes' finalize. A create paired with a slice about to be deleted becomes an update
   * of that slice instead: one write instead of two, and no gap where neither exists.
   * Kubernetes sends that update without a resourceVersion; here it carries the version that
   * was read, since svclab's Update is conditional on it.
   */
  private SlicePlan finish(List<EndpointSlice.Builder> toCreate, List<EndpointSlice.Builder> toUpdate,
      List<EndpointSlice> toDelete, String addressType, Instant triggerTime, boolean allowCreates) {
    for (int i = 0; i < toDelete.size() && !toCreate.isEmpty(); ) {
      EndpointSlice doomed = toDelete.get(i);
      if (doomed.getAddressType().equals(addressType) && template.owns(doomed)) {
        EndpointSlice.Builder recycled = toCreate.remove(toCreate.size() - 1);
        recycled.getMetadataBuilder()
            .setName(doomed.getMetadata().getName())
            .setResourceVersion(doomed.getMetadata().getResourceVersion());
        toUpdate.add(recycled);
        toDelete.remove(i);
      } else {
        i++;
      }
    }
    if (!allowCreates) toCreate.clear();

    Map<String, EndpointSlice> updates = new LinkedHashMap<>();
    toUpdate.stream()
        .map(b -> stamp(b, triggerTime))
        .sorted(SliceOrder.BY_NAME)
        .forEach(s -> updates.put(s.getMetadata().getName(), s));
    return new SlicePlan(
        toCreate.stream().map(b -> stamp(b, triggerTime)).toList(),
        List.copyOf(updates.values()),
        SliceOrder.byName(toDelete));
  }

  private static EndpointSlice stamp(EndpointSlice.Builder slice, Instant triggerTime) {
    ObjectMeta.Builder meta = slice.getMetadataBuilder();
    if (triggerTime != null) {
      meta.putAnnotations(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME, TriggerTime.format(triggerTime));
    } else {
      meta.removeAnnotations(WellKnownKeys.ANNOTATION_LAST_CHANGE_TRIGGER_TIME);
    }
    return slice.build();
  }

  /**
   * Kubernetes compares placeholders on namespace, labels, owners, address type, and having
   * neither endpoints nor ports; names, versions and annotations do not matter.
   */
  private static boolean samePlaceholder(EndpointSlice existing, EndpointSlice placeholder) {
    ObjectMeta a = existing.getMetadata();
    ObjectMeta b = placeholder.getMetadata();
    return a.getNamespace().equals(b.getNamespace())
        && a.getLabelsMap().equals(b.getLabelsMap())
        && a.getOwnerReferencesList().equals(b.getOwnerReferencesList())
        && existing.getAddressType().equals(placeholder.getAddressType())
        && existing.getEndpointsCount() == 0
        && existing.getPortsCount() == 0;
  }

  private record PortGroupPlan(List<EndpointSlice.Builder> toCreate, List<EndpointSlice.Builder> toUpdate,
      List<EndpointSlice> toDelete) {}
}
