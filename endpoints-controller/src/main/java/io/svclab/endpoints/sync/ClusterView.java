package io.svclab.endpoints.sync;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a sync reads: the informers' caches, never the API, so a sync costs no round trip. */
public interface ClusterView {
  Optional<Service> service(String namespace, String name);

  List<Service> servicesIn(String namespace);

  List<Service> services();

  List<Pod> podsIn(String namespace);

  /**
   * Pods carrying one label: a cheap superset of a selector's pods (callers still match the
   * whole selector and the namespace), so a sync reads its few pods instead of all of them.
   */
  default List<Pod> podsLabelled(String key, String value) {
    return pods().stream().filter(p -> value.equals(p.getMetadata().getLabelsMap().get(key))).toList();
  }

  List<Pod> pods();

  /** Every slice labelled kubernetes.io/service-name={@code serviceName} in the namespace, whoever manages it. */
  List<EndpointSlice> slicesFor(String namespace, String serviceName);

  List<EndpointSlice> slices();

  Optional<EndpointsObject> endpoints(String namespace, String name);

  List<EndpointsObject> endpoints();

  Map<String, Node> nodes();
}
