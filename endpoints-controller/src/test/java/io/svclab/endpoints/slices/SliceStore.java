package io.svclab.endpoints.slices;

import io.svclab.api.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies a plan the way the apiserver would (names from generateName, versions bumped),
 * so tests can reconcile against the state a previous reconcile left behind.
 */
final class SliceStore {
  private final Map<String, EndpointSlice> byName = new TreeMap<>();
  private int next = 1;

  List<EndpointSlice> slices() {
    return new ArrayList<>(byName.values());
  }

  SliceStore apply(SlicePlan plan) {
    for (EndpointSlice slice : plan.toCreate()) {
      String name = slice.getMetadata().getGenerateName() + String.format("%05d", next++);
      byName.put(name, version(slice.toBuilder().setMetadata(slice.getMetadata().toBuilder().setName(name)
          .setUid(name + "-uid")).build()));
    }
    for (EndpointSlice slice : plan.toUpdate()) {
      if (!byName.containsKey(slice.getMetadata().getName())) throw new AssertionError("update of missing " + slice);
      byName.put(slice.getMetadata().getName(), version(slice));
    }
    for (EndpointSlice slice : plan.toDelete()) {
      if (byName.remove(slice.getMetadata().getName()) == null) throw new AssertionError("delete of missing " + slice);
    }
    return this;
  }

  private EndpointSlice version(EndpointSlice slice) {
    return slice.toBuilder().setMetadata(slice.getMetadata().toBuilder()
        .setResourceVersion(Integer.toString(next++))).build();
  }
}
