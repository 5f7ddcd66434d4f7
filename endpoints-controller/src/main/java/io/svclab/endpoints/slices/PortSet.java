package io.svclab.endpoints.slices;

import io.svclab.api.v1.EndpointSlicePort;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The port list that groups endpoints into slices (Kubernetes' PortMapKey): order-free, so
 * the same ports in another order are the same group, while an unset field and an empty
 * one stay different, as they do in Kubernetes' hash.
 */
public record PortSet(String canonical) implements Comparable<PortSet> {

  public static PortSet of(List<EndpointSlicePort> ports) {
    return new PortSet(ports.stream().map(PortSet::describe).sorted().collect(Collectors.joining(";")));
  }

  private static String describe(EndpointSlicePort port) {
    return (port.hasName() ? port.getName() : "<nil>") + "/"
        + (port.hasProtocol() ? port.getProtocol() : "<nil>") + ":"
        + (port.hasPort() ? Integer.toString(port.getPort()) : "<nil>") + "/"
        + (port.hasAppProtocol() ? port.getAppProtocol() : "<nil>");
  }

  @Override
  public int compareTo(PortSet other) {
    return canonical.compareTo(other.canonical);
  }
}
