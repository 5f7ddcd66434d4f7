package io.svclab.endpoints.slices;

import io.svclab.api.v1.Endpoint;
import io.svclab.api.v1.EndpointSlicePort;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Desired endpoints of one address type, grouped by port set (Kubernetes' endpointMeta):
 * every slice holds endpoints that offer exactly the same ports, so pods whose named
 * targetPort resolves to different numbers end up in different slices.
 */
public final class DesiredPortGroups {

  /** The ports as the first endpoint of the group offered them, and the group's endpoints. */
  public record Group(List<EndpointSlicePort> ports, DesiredEndpoints endpoints) {}

  private final TreeMap<PortSet, Group> groups = new TreeMap<>();

  /**
   * Makes the port set desired even if no endpoint ends up in it, as Kubernetes registers a
   * pod's group before checking its node and addresses.
   */
  public Group register(List<EndpointSlicePort> ports) {
    return groups.computeIfAbsent(PortSet.of(ports), k -> new Group(List.copyOf(ports), new DesiredEndpoints()));
  }

  public void add(List<EndpointSlicePort> ports, Endpoint endpoint) {
    register(ports).endpoints().add(endpoint);
  }

  public SortedMap<PortSet, Group> groups() {
    return Collections.unmodifiableSortedMap(groups);
  }
}
