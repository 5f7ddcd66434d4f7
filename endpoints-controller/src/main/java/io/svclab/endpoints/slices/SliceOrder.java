package io.svclab.endpoints.slices;

import io.svclab.api.v1.EndpointSlice;
import java.util.Comparator;
import java.util.List;

/** Name order for slice lists, so plans compare equal across runs. */
final class SliceOrder {
  private SliceOrder() {}

  static final Comparator<EndpointSlice> BY_NAME = Comparator.comparing(s -> s.getMetadata().getName());

  static List<EndpointSlice> byName(List<EndpointSlice> slices) {
    return slices.stream().sorted(BY_NAME).toList();
  }
}
