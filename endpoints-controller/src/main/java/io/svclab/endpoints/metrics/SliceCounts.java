package io.svclab.endpoints.metrics;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.endpoints.slices.PortSet;
import io.svclab.endpoints.slices.SlicePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Service's slice figures, as kube-controller-manager's endpointslice metrics cache
 * keeps them: the endpoints it publishes, the slices it has, and the slices it would have
 * if every slice of a port set were full.
 */
public record SliceCounts(long desiredEndpoints, long actualSlices, long desiredSlices) {
  public static final SliceCounts NONE = new SliceCounts(0, 0, 0);

  public static SliceCounts of(List<EndpointSlice> slices, int maxEndpointsPerSlice) {
    Map<String, Long> endpointsByGroup = new HashMap<>();
    long endpoints = 0;
    for (EndpointSlice slice : slices) {
      String group = slice.getAddressType() + " " + PortSet.of(slice.getPortsList()).canonical();
      endpointsByGroup.merge(group, (long) slice.getEndpointsCount(), Long::sum);
      endpoints += slice.getEndpointsCount();
    }
    long desired = 0;
    for (long n : endpointsByGroup.values()) desired += (n + maxEndpointsPerSlice - 1) / maxEndpointsPerSlice;
    return new SliceCounts(endpoints, slices.size(), desired);
  }

  /** The slices a plan leaves behind: existing ones minus deletes, updates in place, plus creates. */
  public static List<EndpointSlice> afterPlan(List<EndpointSlice> existing, SlicePlan plan) {
    Map<String, EndpointSlice> byName = new LinkedHashMap<>();
    existing.forEach(s -> byName.put(s.getMetadata().getName(), s));
    plan.toDelete().forEach(s -> byName.remove(s.getMetadata().getName()));
    plan.toUpdate().forEach(s -> byName.put(s.getMetadata().getName(), s));
    List<EndpointSlice> after = new ArrayList<>(byName.values());
    after.addAll(plan.toCreate());
    return after;
  }

  public SliceCounts plus(SliceCounts other) {
    return new SliceCounts(desiredEndpoints + other.desiredEndpoints, actualSlices + other.actualSlices,
        desiredSlices + other.desiredSlices);
  }

  public SliceCounts minus(SliceCounts other) {
    return new SliceCounts(desiredEndpoints - other.desiredEndpoints, actualSlices - other.actualSlices,
        desiredSlices - other.desiredSlices);
  }
}
