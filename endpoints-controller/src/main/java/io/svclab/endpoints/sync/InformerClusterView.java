package io.svclab.endpoints.sync;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.informer.Informer;
import io.svclab.endpoints.WellKnownKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The controller's five informers, read as a {@link ClusterView}. */
public record InformerClusterView(
    Informer<Service> serviceInformer, Informer<Pod> podInformer, Informer<EndpointSlice> sliceInformer,
    Informer<EndpointsObject> endpointsInformer, Informer<Node> nodeInformer) implements ClusterView {

  public List<Informer<?>> all() {
    return List.of(serviceInformer, podInformer, sliceInformer, endpointsInformer, nodeInformer);
  }

  public boolean hasSynced() {
    return all().stream().allMatch(Informer::hasSynced);
  }

  @Override
  public Optional<Service> service(String namespace, String name) {
    return serviceInformer.get(namespace, name);
  }

  @Override
  public List<Service> servicesIn(String namespace) {
    return serviceInformer.byNamespace(namespace);
  }

  @Override
  public List<Service> services() {
    return serviceInformer.list();
  }

  @Override
  public List<Pod> podsIn(String namespace) {
    return podInformer.byNamespace(namespace);
  }

  @Override
  public List<Pod> podsLabelled(String key, String value) {
    return podInformer.byLabel(key, value);
  }

  @Override
  public List<Pod> pods() {
    return podInformer.list();
  }

  @Override
  public List<EndpointSlice> slicesFor(String namespace, String serviceName) {
    return sliceInformer.byLabel(WellKnownKeys.LABEL_SERVICE_NAME, serviceName).stream()
        .filter(s -> s.getMetadata().getNamespace().equals(namespace))
        .toList();
  }

  @Override
  public List<EndpointSlice> slices() {
    return sliceInformer.list();
  }

  @Override
  public Optional<EndpointsObject> endpoints(String namespace, String name) {
    return endpointsInformer.get(namespace, name);
  }

  @Override
  public List<EndpointsObject> endpoints() {
    return endpointsInformer.list();
  }

  @Override
  public Map<String, Node> nodes() {
    Map<String, Node> nodes = new HashMap<>();
    for (Node node : nodeInformer.list()) nodes.put(node.getMetadata().getName(), node);
    return nodes;
  }
}
