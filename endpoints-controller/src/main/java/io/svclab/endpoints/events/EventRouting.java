package io.svclab.endpoints.events;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.informer.ObjectEvent;
import io.svclab.client.informer.ResourceEventHandler;
import io.svclab.endpoints.WellKnownKeys;
import io.svclab.endpoints.sync.ClusterView;
import io.svclab.endpoints.sync.SliceExpectations;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Turns informer events into Service keys to sync ({@code namespace/name}). Runs on the
 * informers' threads, so it only reads caches and enqueues.
 */
public final class EventRouting {
  private final ClusterView view;
  private final SliceExpectations expectations;
  private final Consumer<String> enqueue;

  public EventRouting(ClusterView view, SliceExpectations expectations, Consumer<String> enqueue) {
    this.view = view;
    this.expectations = expectations;
    this.enqueue = enqueue;
  }

  /** Any change to a Service syncs it; a deleted one has its slices and Endpoints removed. */
  public ResourceEventHandler<Service> services() {
    return on(event -> enqueue.accept(key(event.object().getMetadata().getNamespace(), event.object().getMetadata().getName())));
  }

  public ResourceEventHandler<Pod> pods() {
    return on(event -> {
      Pod pod = event.object();
      var services = view.servicesIn(pod.getMetadata().getNamespace());
      Set<String> keys = event.type() == ObjectEvent.Type.UPDATE
          ? PodServices.onUpdate(event.oldObject(), event.newObject(), services)
          : PodServices.selecting(pod, services);
      keys.forEach(enqueue);
    });
  }

  /**
   * A slice change syncs its Service (to repair edits and deletions by others), except the
   * echo of the controller's own write. Slices other managers wrote are none of its business.
   */
  public ResourceEventHandler<EndpointSlice> slices() {
    return on(event -> {
      if (!expectations.observe(event)) return;
      Set<String> keys = new TreeSet<>();
      if (event.oldObject() != null && ours(event.oldObject())) {
        SliceExpectations.serviceKey(event.oldObject()).ifPresent(keys::add);
      }
      if (event.newObject() != null && ours(event.newObject())) {
        SliceExpectations.serviceKey(event.newObject()).ifPresent(keys::add);
      }
      keys.forEach(enqueue);
    });
  }

  /** Endpoints feed mirroring, and a controller-written one edited by someone else is repaired. */
  public ResourceEventHandler<EndpointsObject> endpoints() {
    return on(event -> enqueue.accept(key(event.object().getMetadata().getNamespace(), event.object().getMetadata().getName())));
  }

  /** A node arriving, leaving or changing zone resyncs the Services selecting pods on it. */
  public ResourceEventHandler<Node> nodes() {
    return on(event -> {
      if (event.type() == ObjectEvent.Type.UPDATE && !NodeChange.matters(event.oldObject(), event.newObject())) return;
      String node = event.object().getMetadata().getName();
      Set<String> keys = new TreeSet<>();
      for (Pod pod : view.pods()) {
        if (node.equals(pod.getSpec().getNodeName())) {
          keys.addAll(PodServices.selecting(pod, view.servicesIn(pod.getMetadata().getNamespace())));
        }
      }
      keys.forEach(enqueue);
    });
  }

  /** Every key that may need work: at start of leadership, when no event can be trusted to come. */
  public Set<String> allKeys() {
    Set<String> keys = new TreeSet<>();
    view.services().forEach(s -> keys.add(key(s.getMetadata().getNamespace(), s.getMetadata().getName())));
    view.slices().stream().filter(EventRouting::ours)
        .forEach(s -> SliceExpectations.serviceKey(s).ifPresent(keys::add));
    view.endpoints().forEach(e -> keys.add(key(e.getMetadata().getNamespace(), e.getMetadata().getName())));
    return keys;
  }

  /** The informer handler interface has only default methods; this takes one lambda for all three. */
  private static <T> ResourceEventHandler<T> on(Consumer<ObjectEvent<T>> handle) {
    return new ResourceEventHandler<>() {
      @Override
      public void dispatch(ObjectEvent<T> event) {
        handle.accept(event);
      }
    };
  }

  private static boolean ours(EndpointSlice slice) {
    String manager = slice.getMetadata().getLabelsMap().get(WellKnownKeys.LABEL_MANAGED_BY);
    return WellKnownKeys.ENDPOINTSLICE_CONTROLLER.equals(manager) || WellKnownKeys.MIRRORING_CONTROLLER.equals(manager);
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
