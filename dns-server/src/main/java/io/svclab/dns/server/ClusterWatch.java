package io.svclab.dns.server;

import io.grpc.Channel;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.informer.Informer;
import io.svclab.client.informer.InformerOptions;
import io.svclab.client.informer.ResourceEventHandler;
import io.svclab.client.resource.ResourceKinds;
import io.svclab.dns.records.ClusterRecords;
import io.svclab.dns.records.WatchedFields;
import java.util.List;
import java.util.function.BiConsumer;

/** Informers on Services, EndpointSlices, Pods and Namespaces feeding an {@link IndexPublisher}. */
public final class ClusterWatch implements AutoCloseable {
  private final Informer<Service> services;
  private final Informer<EndpointSlice> slices;
  private final Informer<Pod> pods;
  private final Informer<Namespace> namespaces;

  public ClusterWatch(Channel channel) {
    // each informer keeps only what DNS reads (a large cluster's objects would otherwise dominate the heap)
    services = new Informer<>(channel, ResourceKinds.SERVICES, InformerOptions.all()).withTransform(WatchedFields::service);
    slices = new Informer<>(channel, ResourceKinds.ENDPOINT_SLICES, InformerOptions.all()).withTransform(WatchedFields::slice);
    pods = new Informer<>(channel, ResourceKinds.PODS, InformerOptions.all()).withTransform(WatchedFields::pod);
    namespaces = new Informer<>(channel, ResourceKinds.NAMESPACES, InformerOptions.all())
        .withTransform(WatchedFields::namespace);
  }

  public boolean hasSynced() {
    return all().stream().allMatch(Informer::hasSynced);
  }

  public List<Informer<?>> all() {
    return List.of(services, slices, pods, namespaces);
  }

  /** Wires the handlers to the publisher, publishes once all four have synced, starts them. */
  public void start(IndexPublisher publisher) {
    services.addHandler(handler(publisher, ClusterRecords::putService, ClusterRecords::removeService));
    slices.addHandler(handler(publisher, ClusterRecords::putSlice, ClusterRecords::removeSlice));
    pods.addHandler(handler(publisher, ClusterRecords::putPod, ClusterRecords::removePod));
    namespaces.addHandler(handler(publisher, ClusterRecords::putNamespace, ClusterRecords::removeNamespace));
    all().forEach(i -> i.synced().thenRun(publisher::touch));
    all().forEach(Informer::start);
  }

  private static <T> ResourceEventHandler<T> handler(IndexPublisher publisher,
      BiConsumer<ClusterRecords, T> put, BiConsumer<ClusterRecords, T> remove) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        publisher.update(r -> put.accept(r, object));
      }

      @Override
      public void onUpdate(T oldObject, T newObject) {
        publisher.update(r -> put.accept(r, newObject));
      }

      @Override
      public void onDelete(T lastKnown) {
        publisher.update(r -> remove.accept(r, lastKnown));
      }
    };
  }

  @Override
  public void close() {
    all().forEach(Informer::stop);
  }
}
