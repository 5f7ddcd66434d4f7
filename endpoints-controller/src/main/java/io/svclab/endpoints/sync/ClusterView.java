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

  List<Pod> pods();

  /** Every slice labelled kubernetes.io/service-name={@code serviceName} in the namespace, whoever manages it. */
  List<EndpointSlice> slicesFor(String namespace, String serviceName);

  List<EndpointSlice> slices();

  Optional<EndpointsObject> endpoints(String namespace, String name);

  List<EndpointsObject> endpoints();

  Map<String, Node> nodes();
}
