package io.svclab.endpoints.slices;

import io.svclab.api.v1.Endpoint;
import java.util.Comparator;
import java.util.List;

/**
 * The identity of an endpoint across reconciles (Kubernetes' endpointHash): its addresses,
 * hostname and target name. Everything else (conditions, node, zone, uid) may change in
 * place, which is what lets an endpoint stay in its slice when only its readiness flips.
 */
public record EndpointKey(List<String> addresses, String hostname, String namespace, String name)
    implements Comparable<EndpointKey> {

  private static final Comparator<EndpointKey> ORDER = Comparator
      .comparing((EndpointKey k) -> String.join(",", k.addresses()))
      .thenComparing(EndpointKey::namespace)
      .thenComparing(EndpointKey::name)
      .thenComparing(EndpointKey::hostname);

  public EndpointKey {
    addresses = addresses.stream().sorted().toList();
  }

  /** An unset hostname and an empty one are the same identity, as in Kubernetes' hash. */
  public static EndpointKey of(Endpoint endpoint) {
    return new EndpointKey(
        endpoint.getAddressesList(),
        endpoint.hasHostname() ? endpoint.getHostname() : "",
        endpoint.hasTargetRef() ? endpoint.getTargetRef().getNamespace() : "",
        endpoint.hasTargetRef() ? endpoint.getTargetRef().getName() : "");
  }

  @Override
  public int compareTo(EndpointKey other) {
    return ORDER.compare(this, other);
  }
}
