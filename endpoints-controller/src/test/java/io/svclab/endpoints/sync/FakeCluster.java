package io.svclab.endpoints.sync;

import com.google.protobuf.Message;
import io.grpc.Status;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.endpoints.WellKnownKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory cluster: a {@link ClusterView} whose "caches" are always current, and
 * writers that behave like the apiserver (generateName, resourceVersion checks, Kubernetes'
 * error codes). Every write is recorded as "verb Kind namespace/name".
 */
final class FakeCluster implements ClusterView {
  final Map<String, Service> services = new TreeMap<>();
  final Map<String, Pod> pods = new TreeMap<>();
  final Store<EndpointSlice> slices = new Store<>(ResourceKinds.ENDPOINT_SLICES);
  final Store<EndpointsObject> endpoints = new Store<>(ResourceKinds.ENDPOINTS);
  final Map<String, Node> nodes = new TreeMap<>();
  final List<String> writes = new ArrayList<>();
  /** When set, the view's slice "cache" is stuck at this list: writes have not echoed yet. */
  List<EndpointSlice> laggingSlices;
  private int version = 100;

  FakeCluster add(Service s) {
    services.put(s.getMetadata().getNamespace() + "/" + s.getMetadata().getName(), s);
    return this;
  }

  FakeCluster add(Pod p) {
    pods.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p);
    return this;
  }

  FakeCluster add(Node n) {
    nodes.put(n.getMetadata().getName(), n);
    return this;
  }

  final class Store<T extends Message> implements ObjectWriter<T> {
    final Map<String, T> objects = new TreeMap<>();
    private final ResourceKind<T> kind;
    /** When set, the next write fails with this status. */
    Status failNext;

    Store(ResourceKind<T> kind) {
      this.kind = kind;
    }

    List<T> list() {
      return new ArrayList<>(objects.values());
    }

    @Override
    public T create(T object) {
      fail();
      ObjectMeta meta = kind.meta(object);
      String name = meta.getName().isEmpty() ? meta.getGenerateName() + "g" + (++version) : meta.getName();
      String key = meta.getNamespace() + "/" + name;
      if (objects.containsKey(key)) throw Status.ALREADY_EXISTS.asRuntimeException();
      T stored = kind.withMeta(object, meta.toBuilder().setName(name).setUid(name + "-uid")
          .setResourceVersion(Integer.toString(++version)).build());
      objects.put(key, stored);
      writes.add("create " + kind.kind() + " " + key);
      return stored;
    }

    @Override
    public T update(T object) {
      fail();
      ObjectMeta meta = kind.meta(object);
      String key = meta.getNamespace() + "/" + meta.getName();
      T current = objects.get(key);
      if (current == null) throw Status.NOT_FOUND.asRuntimeException();
      if (!kind.meta(current).getResourceVersion().equals(meta.getResourceVersion())) {
        throw Status.ABORTED.withDescription("the object has been modified").asRuntimeException();
      }
      T stored = kind.withMeta(object, meta.toBuilder().setResourceVersion(Integer.toString(++version)).build());
      objects.put(key, stored);
      writes.add("update " + kind.kind() + " " + key);
      return stored;
    }

    @Override
    public void delete(String namespace, String name) {
      fail();
      if (objects.remove(namespace + "/" + name) == null) throw Status.NOT_FOUND.asRuntimeException();
      writes.add("delete " + kind.kind() + " " + namespace + "/" + name);
    }

    private void fail() {
      Status status = failNext;
      failNext = null;
      if (status != null) throw status.asRuntimeException();
    }
  }

  @Override
  public Optional<Service> service(String namespace, String name) {
    return Optional.ofNullable(services.get(namespace + "/" + name));
  }

  @Override
  public List<Service> servicesIn(String namespace) {
    return services.values().stream().filter(s -> s.getMetadata().getNamespace().equals(namespace)).toList();
  }

  @Override
  public List<Service> services() {
    return new ArrayList<>(services.values());
  }

  @Override
  public List<Pod> podsIn(String namespace) {
    return pods.values().stream().filter(p -> p.getMetadata().getNamespace().equals(namespace)).toList();
  }

  @Override
  public List<Pod> pods() {
    return new ArrayList<>(pods.values());
  }

  @Override
  public List<EndpointSlice> slicesFor(String namespace, String serviceName) {
    return (laggingSlices != null ? laggingSlices : slices.list()).stream()
        .filter(s -> s.getMetadata().getNamespace().equals(namespace))
        .filter(s -> serviceName.equals(s.getMetadata().getLabelsMap().get(WellKnownKeys.LABEL_SERVICE_NAME)))
        .toList();
  }

  @Override
  public List<EndpointSlice> slices() {
    return slices.list();
  }

  @Override
  public Optional<EndpointsObject> endpoints(String namespace, String name) {
    return Optional.ofNullable(endpoints.objects.get(namespace + "/" + name));
  }

  @Override
  public List<EndpointsObject> endpoints() {
    return endpoints.list();
  }

  @Override
  public Map<String, Node> nodes() {
    return new HashMap<>(nodes);
  }
}
