package io.svclab.endpoints.slices;

import io.svclab.api.v1.Endpoint;
import java.util.Map;
import java.util.TreeMap;

/**
 * The endpoints one port set should end up with, keyed by identity (Kubernetes'
 * EndpointSet). Kubernetes pops them in map order; here they come out sorted by key, so
 * which new endpoint lands in which slice is the same on every run.
 */
public final class DesiredEndpoints {
  private final TreeMap<EndpointKey, Endpoint> byKey = new TreeMap<>();

  public DesiredEndpoints() {}

  private DesiredEndpoints(Map<EndpointKey, Endpoint> entries) {
    byKey.putAll(entries);
  }

  /** A later endpoint with the same identity replaces an earlier one, as a set insert does. */
  public void add(Endpoint endpoint) {
    byKey.put(EndpointKey.of(endpoint), endpoint);
  }

  /** The desired version of an endpoint with the same identity, or null. */
  public Endpoint get(Endpoint endpoint) {
    return byKey.get(EndpointKey.of(endpoint));
  }

  public void remove(Endpoint endpoint) {
    byKey.remove(EndpointKey.of(endpoint));
  }

  public Endpoint pollFirst() {
    Map.Entry<EndpointKey, Endpoint> first = byKey.pollFirstEntry();
    return first == null ? null : first.getValue();
  }

  public int size() {
    return byKey.size();
  }

  public boolean isEmpty() {
    return byKey.isEmpty();
  }

  public DesiredEndpoints copy() {
    return new DesiredEndpoints(byKey);
  }
}
