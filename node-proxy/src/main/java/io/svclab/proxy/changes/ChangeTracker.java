package io.svclab.proxy.changes;

import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Service;
import io.svclab.client.informer.ResourceEventHandler;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns informer events into "a sync is needed" signals, and remembers the trigger times of
 * endpoint changes so the next sync can report network programming latency. Level-based: the
 * sync reads the informer caches, this class only says when.
 */
public final class ChangeTracker {
  private final Runnable requestSync;
  private final Instant startTime;
  private final List<Instant> pendingTriggers = new ArrayList<>();

  /**
   * @param startTime trigger times before it are not recorded (as kube-proxy's tracker start
   *                  time): the initial list would otherwise report the age of every old slice
   */
  public ChangeTracker(Runnable requestSync, Instant startTime) {
    this.requestSync = requestSync;
    this.startTime = startTime;
  }

  public ResourceEventHandler<Service> services() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Service s) {
        requestSync.run();
      }

      @Override
      public void onUpdate(Service a, Service b) {
        // status-only and metadata-only changes matter too (LoadBalancer ingress), so compare spec+status
        if (!Objects.equals(a.getSpec(), b.getSpec()) || !Objects.equals(a.getStatus(), b.getStatus())) requestSync.run();
      }

      @Override
      public void onDelete(Service s) {
        requestSync.run();
      }
    };
  }

  public ResourceEventHandler<EndpointSlice> slices() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(EndpointSlice s) {
        changed(s);
      }

      @Override
      public void onUpdate(EndpointSlice a, EndpointSlice b) {
        changed(b);
      }

      @Override
      public void onDelete(EndpointSlice s) {
        requestSync.run();
      }
    };
  }

  public ResourceEventHandler<Node> nodes() {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Node n) {
        requestSync.run();
      }

      @Override
      public void onUpdate(Node a, Node b) {
        if (!Objects.equals(a.getMetadata().getLabelsMap(), b.getMetadata().getLabelsMap())) requestSync.run();
      }
    };
  }

  private void changed(EndpointSlice slice) {
    TriggerTimes.of(slice).filter(t -> t.isAfter(startTime)).ifPresent(t -> {
      synchronized (pendingTriggers) {
        pendingTriggers.add(t);
      }
    });
    requestSync.run();
  }

  /** The trigger times of the changes a sync starting now will apply. */
  public List<Instant> drainTriggers() {
    synchronized (pendingTriggers) {
      List<Instant> out = List.copyOf(pendingTriggers);
      pendingTriggers.clear();
      return out;
    }
  }
}
