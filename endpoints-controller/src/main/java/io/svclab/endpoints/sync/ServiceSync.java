package io.svclab.endpoints.sync;

import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Pod;
import io.svclab.api.v1.Service;
import io.svclab.client.controller.Reconciler;
import io.svclab.client.controller.Result;
import io.svclab.client.selection.LabelSelectors;
import io.svclab.endpoints.ServiceTraits;
import io.svclab.endpoints.TriggerTimeTracker;
import io.svclab.endpoints.WellKnownKeys;
import io.svclab.endpoints.legacy.EndpointsBuilder;
import io.svclab.endpoints.metrics.EndpointSliceMetrics;
import io.svclab.endpoints.metrics.EndpointSliceMetrics.SyncResult;
import io.svclab.endpoints.metrics.SliceCounts;
import io.svclab.endpoints.mirroring.EndpointSliceMirror;
import io.svclab.endpoints.slices.EndpointSliceReconciler;
import io.svclab.endpoints.slices.SlicePlan;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell around the pure core, for one Service key {@code namespace/name}: read the
 * caches, plan with {@link EndpointSliceReconciler}, {@link EndpointsBuilder} and
 * {@link EndpointSliceMirror}, write the plans (slices: creates, updates, deletes; then the
 * Endpoints object). Kubernetes runs these as three controllers; they share every input and
 * the key, so here one sync does all three.
 */
public final class ServiceSync implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(ServiceSync.class);

  private final ClusterView view;
  private final ObjectWriter<EndpointSlice> slices;
  private final ObjectWriter<EndpointsObject> endpoints;
  private final SliceExpectations expectations;
  private final TriggerTimeTracker triggers = new TriggerTimeTracker();
  private final EndpointSliceMetrics metrics;
  private final SyncSettings settings;
  private final Clock clock;

  public ServiceSync(ClusterView view, ObjectWriter<EndpointSlice> slices, ObjectWriter<EndpointsObject> endpoints,
      SliceExpectations expectations, EndpointSliceMetrics metrics, SyncSettings settings, Clock clock) {
    this.view = view;
    this.slices = slices;
    this.endpoints = endpoints;
    this.expectations = expectations;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public Result reconcile(String key) {
    long started = System.nanoTime();
    int slash = key.indexOf('/');
    String namespace = key.substring(0, slash);
    String name = key.substring(slash + 1);
    try {
      if (expectations.pending(key, view.slicesFor(namespace, name), clock.millis())) {
        log.debug("{}: own slice writes not in the cache yet, retrying", key);
        metrics.synced(SyncResult.STALE, seconds(started));
        return Result.requeue();
      }
      boolean complete = sync(key, namespace, name);
      metrics.synced(SyncResult.SUCCESS, seconds(started));
      return complete ? Result.done() : Result.requeue();
    } catch (StatusRuntimeException e) {
      if (StaleCache.means(e)) {
        log.info("{}: cache is stale ({}), retrying", key, e.getStatus().getCode());
        metrics.synced(SyncResult.STALE, seconds(started));
        return Result.requeue();
      }
      metrics.synced(SyncResult.ERROR, seconds(started));
      throw e;
    } catch (RuntimeException e) {
      metrics.synced(SyncResult.ERROR, seconds(started));
      throw e;
    }
  }

  /** Returns false when some pods wait for their node: the key must come back. */
  private boolean sync(String key, String namespace, String name) {
    Optional<Service> service = view.service(namespace, name);
    List<EndpointSlice> labelled = view.slicesFor(namespace, name);
    List<EndpointSlice> managed = managedBy(labelled, WellKnownKeys.ENDPOINTSLICE_CONTROLLER);
    List<EndpointSlice> mirrored = managedBy(labelled, WellKnownKeys.MIRRORING_CONTROLLER);
    EndpointsObject currentEndpoints = view.endpoints(namespace, name).orElse(null);

    if (service.isEmpty()) {
      // No garbage collector here: what the Service owned is deleted by hand.
      triggers.forget(namespace, name);
      write(key, SlicePlan.deleteAll(managed).plus(
          EndpointSliceMirror.reconcile(null, currentEndpoints, mirrored, settings.maxMirroredPerSubset())));
      if (currentEndpoints != null && ControllerEndpoints.writtenByController(currentEndpoints)) {
        deleteEndpoints(key, currentEndpoints);
      }
      metrics.service(key, SliceCounts.NONE);
      return true;
    }

    Service svc = service.get();
    List<Pod> pods = selectedPods(svc);
    Map<String, Node> nodes = view.nodes();
    // Kubernetes omits the annotation when it cannot date the change (a pod deletion);
    // svclab dates it by when the controller saw it, so every write carries a time.
    Instant triggerTime = triggers.compute(svc, pods).orElseGet(clock::instant);

    SlicePlan slicePlan = EndpointSliceReconciler.reconcile(svc, pods, managed, nodes,
        settings.maxEndpointsPerSlice(), triggerTime);
    SlicePlan mirrorPlan = EndpointSliceMirror.reconcile(svc, currentEndpoints, mirrored,
        settings.maxMirroredPerSubset());
    write(key, slicePlan.plus(mirrorPlan));
    if (ServiceTraits.hasSelector(svc)) {
      metrics.service(key, SliceCounts.of(SliceCounts.afterPlan(managed, slicePlan), settings.maxEndpointsPerSlice()));
    } else {
      metrics.service(key, SliceCounts.of(SliceCounts.afterPlan(mirrored, mirrorPlan), settings.maxMirroredPerSubset()));
    }

    Optional<EndpointsObject> desired = EndpointsBuilder.desired(svc, pods, triggerTime);
    if (desired.isPresent() && EndpointsBuilder.needsUpdate(currentEndpoints, desired.get())) {
      writeEndpoints(key, currentEndpoints, EndpointsBuilder.merge(currentEndpoints, desired.get()));
    }

    List<Pod> waiting = EndpointSliceReconciler.podsAwaitingNode(svc, pods, nodes);
    if (!waiting.isEmpty()) {
      log.info("{}: {} pods wait for their node to be known (first: {}), retrying", key, waiting.size(),
          waiting.get(0).getMetadata().getName());
    }
    return waiting.isEmpty();
  }

  private List<Pod> selectedPods(Service service) {
    // An empty selector would match every pod; Kubernetes reads it as "no selector".
    if (!ServiceTraits.hasSelector(service)) return List.of();
    var selector = LabelSelectors.ofMap(service.getSpec().getSelectorMap());
    var first = service.getSpec().getSelectorMap().entrySet().iterator().next();
    String namespace = service.getMetadata().getNamespace();
    return view.podsLabelled(first.getKey(), first.getValue()).stream()
        .filter(p -> p.getMetadata().getNamespace().equals(namespace))
        .filter(p -> selector.matches(p.getMetadata().getLabelsMap()))
        .toList();
  }

  private static List<EndpointSlice> managedBy(List<EndpointSlice> slices, String manager) {
    return slices.stream()
        .filter(s -> manager.equals(s.getMetadata().getLabelsMap().get(WellKnownKeys.LABEL_MANAGED_BY)))
        .toList();
  }

  /** Kubernetes' order: creates first, so that no moment has fewer endpoints than before. */
  private void write(String key, SlicePlan plan) {
    int created = 0;
    int updated = 0;
    int deleted = 0;
    try {
      for (EndpointSlice slice : plan.toCreate()) {
        EndpointSlice stored = slices.create(slice);
        expectations.wrote(stored, clock.millis());
        created++;
        log.info("{}: created EndpointSlice {}/{} ({} endpoints)", key, stored.getMetadata().getNamespace(),
            stored.getMetadata().getName(), stored.getEndpointsCount());
      }
      for (EndpointSlice slice : plan.toUpdate()) {
        EndpointSlice stored = slices.update(slice);
        expectations.wrote(stored, clock.millis());
        updated++;
        log.info("{}: updated EndpointSlice {}/{} ({} endpoints)", key, stored.getMetadata().getNamespace(),
            stored.getMetadata().getName(), stored.getEndpointsCount());
      }
      for (EndpointSlice slice : plan.toDelete()) {
        try {
          slices.delete(slice.getMetadata().getNamespace(), slice.getMetadata().getName());
          expectations.deleted(slice, clock.millis());
          deleted++;
          log.info("{}: deleted EndpointSlice {}/{}", key, slice.getMetadata().getNamespace(),
              slice.getMetadata().getName());
        } catch (StatusRuntimeException e) {
          if (!StaleCache.notFound(e)) throw e; // already gone: what we wanted
        }
      }
    } finally {
      metrics.sliceChanges(created, updated, deleted);
    }
  }

  private void writeEndpoints(String key, EndpointsObject current, EndpointsObject next) {
    int addresses = next.getSubsetsList().stream().mapToInt(s -> s.getAddressesCount()).sum();
    int notReady = next.getSubsetsList().stream().mapToInt(s -> s.getNotReadyAddressesCount()).sum();
    if (current == null) {
      endpoints.create(next);
      log.info("created Endpoints {} ({} ready, {} not ready)", key, addresses, notReady);
    } else {
      endpoints.update(next);
      log.info("updated Endpoints {} ({} ready, {} not ready)", key, addresses, notReady);
    }
  }

  private void deleteEndpoints(String key, EndpointsObject current) {
    try {
      endpoints.delete(current.getMetadata().getNamespace(), current.getMetadata().getName());
      log.info("deleted Endpoints {}: its Service is gone", key);
    } catch (StatusRuntimeException e) {
      if (!StaleCache.notFound(e)) throw e;
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
