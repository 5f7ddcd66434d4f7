package io.svclab.endpoints.legacy;

import io.svclab.api.v1.EndpointSubset;
import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes caps an Endpoints object at 1000 addresses (EndpointSlices carry the rest) and
 * marks it endpoints.kubernetes.io/over-capacity: truncated.
 */
public final class EndpointsTruncation {
  private EndpointsTruncation() {}

  public static final int MAX_CAPACITY = 1000;

  public static int count(List<EndpointSubset> subsets) {
    return subsets.stream().mapToInt(s -> s.getAddressesCount() + s.getNotReadyAddressesCount()).sum();
  }

  /**
   * Kubernetes' truncateEndpoints. Ready addresses are kept before not-ready ones: when the
   * ready ones alone fit, only not-ready ones are cut; otherwise every not-ready one goes and
   * the ready ones are cut. Each subset keeps its share of the room, rounded up, until the
   * room runs out.
   */
  public static List<EndpointSubset> truncate(List<EndpointSubset> subsets) {
    int totalReady = subsets.stream().mapToInt(EndpointSubset::getAddressesCount).sum();
    int totalNotReady = subsets.stream().mapToInt(EndpointSubset::getNotReadyAddressesCount).sum();
    if (totalReady + totalNotReady <= MAX_CAPACITY) return subsets;

    boolean truncateReady = totalReady > MAX_CAPACITY;
    int room = truncateReady ? MAX_CAPACITY : MAX_CAPACITY - totalReady;
    int total = truncateReady ? totalReady : totalNotReady;
    int left = room;
    List<EndpointSubset> truncated = new ArrayList<>();
    for (EndpointSubset subset : subsets) {
      int inSubset = truncateReady ? subset.getAddressesCount() : subset.getNotReadyAddressesCount();
      int share = (int) Math.ceil(((double) inSubset / total) * room);
      share = Math.min(share, left);
      EndpointSubset.Builder cut = subset.toBuilder();
      if (truncateReady) {
        cut.clearAddresses().addAllAddresses(subset.getAddressesList().subList(0, Math.min(share, inSubset)));
        cut.clearNotReadyAddresses();
        left -= cut.getAddressesCount();
      } else {
        cut.clearNotReadyAddresses()
            .addAllNotReadyAddresses(subset.getNotReadyAddressesList().subList(0, Math.min(share, inSubset)));
        left -= cut.getNotReadyAddressesCount();
      }
      truncated.add(cut.build());
    }
    return List.copyOf(truncated);
  }
}
