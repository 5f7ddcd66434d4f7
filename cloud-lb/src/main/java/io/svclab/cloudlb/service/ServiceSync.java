package io.svclab.cloudlb.service;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.EndpointSlice;
import io.svclab.api.v1.LoadBalancerStatus;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.Service;
import io.svclab.client.controller.Reconciler;
import io.svclab.client.controller.Result;
import io.svclab.client.informer.Informer;
import io.svclab.client.kube.WellKnown;
import io.svclab.client.resource.ResourceClient;
import io.svclab.cloudlb.CloudLbMetrics;
import io.svclab.cloudlb.balancer.BalancerSpec;
import io.svclab.cloudlb.balancer.DirectTargets;
import io.svclab.cloudlb.balancer.LoadBalancers;
import io.svclab.cloudlb.balancer.NodeTarget;
import io.svclab.client.events.EventRecorder;
import io.svclab.cloudlb.ipam.IpPool;
import java.net.InetSocketAddress;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service controller's shell: reads the caches, asks {@link LoadBalancerPlanner}, and
 * carries the plan out (API writes, pool, balancers, Events). Run with one worker: the pool
 * is shared bookkeeping. Services left pending for want of an IP are re-queued whenever an
 * IP is released.
 */
public final class ServiceSync implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(ServiceSync.class);

  private final Informer<Service> services;
  private final Informer<Node> nodes;
  private final Informer<EndpointSlice> slices;
  private final ResourceClient<Service> client;
  private final IpPool pool;
  private final LoadBalancers balancers;
  private final EventRecorder<Service> events;
  private final CloudLbMetrics metrics;
  public static final String SERVICE_NAME_LABEL = WellKnown.LABEL_SERVICE_NAME;

  private final Set<String> pending = ConcurrentHashMap.newKeySet();
  private volatile Consumer<String> enqueue = k -> {};

  public ServiceSync(Informer<Service> services, Informer<Node> nodes, Informer<EndpointSlice> slices,
      ResourceClient<Service> client, IpPool pool,
      LoadBalancers balancers, EventRecorder<Service> events, CloudLbMetrics metrics) {
    this.services = services;
    this.nodes = nodes;
    this.slices = slices;
    this.client = client;
    this.pool = pool;
    this.balancers = balancers;
    this.events = events;
    this.metrics = metrics;
  }

  public void setEnqueue(Consumer<String> enqueue) {
    this.enqueue = enqueue;
  }

  /** Keys of every Service this controller has a say over (ours, or carrying our finalizer). */
  public List<String> allKeys() {
    return services.list().stream()
        .filter(s -> LoadBalancerPlanner.isOurs(s) || LoadBalancerPlanner.hasFinalizer(s))
        .map(s -> s.getMetadata().getNamespace() + "/" + s.getMetadata().getName()).toList();
  }

  /**
   * Leadership start: takes back the IPs written in status by a previous run (oldest Service
   * first), so a restart reshuffles nothing.
   */
  public synchronized int adopt() {
    int n = 0;
    List<Service> ours = services.list().stream()
        .filter(s -> LoadBalancerPlanner.isOurs(s) && LoadBalancerPlanner.hasFinalizer(s))
        .sorted(Comparator.comparing((Service s) -> s.getMetadata().getCreationTimestamp().getSeconds())
            .thenComparing(s -> s.getMetadata().getName()))
        .toList();
    for (Service s : ours) {
      String key = s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
      Optional<String> ip = LoadBalancerPlanner.statusIp(s);
      if (ip.isPresent() && pool.available(ip.get(), key)) {
        pool.assign(key, ip.get());
        n++;
      }
    }
    metrics.pool(pool.allocated(), pool.capacity());
    return n;
  }

  /** Leadership lost: close every balancer and forget the pool (the next leader re-adopts). */
  public synchronized void standDown() {
    balancers.removeAll();
    pool.clear();
    pending.clear();
  }

  @Override
  public synchronized Result reconcile(String key) {
    Optional<Service> cached = services.getByKey(key);
    if (cached.isEmpty()) {
      balancers.remove(key);
      release(key);
      pending.remove(key);
      metrics.synced("ignored");
      return Result.done();
    }
    Service svc = cached.get();
    Plan plan = LoadBalancerPlanner.plan(key, svc, pool);
    try {
      if (writes(plan)) {
        // The cache may trail our own last write (finalizer added, status not yet seen):
        // decide again on the stored object, so no write or Event is made twice.
        svc = client.get(svc.getMetadata().getNamespace(), svc.getMetadata().getName());
        plan = LoadBalancerPlanner.plan(key, svc, pool);
      }
      if (plan instanceof Plan.Cleanup c) return cleanup(key, svc, c);
      if (plan instanceof Plan.Ensure e) return ensure(key, svc, e);
      if (plan instanceof Plan.Fail f) return fail(key, svc, f);
      balancers.remove(key);
      release(key);
      pending.remove(key);
      metrics.synced("ignored");
      return Result.done();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Result.done(); // gone under us; the delete event brings us back
      }
      if (e.getStatus().getCode() == Status.Code.ABORTED) {
        log.info("{}: conflict, retrying: {}", key, e.getStatus().getDescription());
        metrics.synced("error");
        return Result.requeue();
      }
      events.warning(svc, "SyncLoadBalancerFailed", "Error syncing load balancer: " + e.getStatus().getDescription());
      metrics.synced("error");
      return Result.error(e);
    } catch (RuntimeException e) {
      events.warning(svc, "SyncLoadBalancerFailed",
          "Error syncing load balancer: failed to ensure load balancer: " + e.getMessage());
      metrics.synced("error");
      return Result.error(e);
    }
  }

  private static boolean writes(Plan plan) {
    return plan instanceof Plan.Cleanup || plan instanceof Plan.Fail
        || (plan instanceof Plan.Ensure e && (e.addFinalizer() || e.statusChanged()));
  }

  private Result ensure(String key, Service svc, Plan.Ensure plan) {
    BalancerSpec spec = BalancerSpec.of(key, svc, plan.ip());
    boolean announce = plan.announce() || !balancers.runs(spec);
    if (announce) {
      events.normal(svc, "EnsuringLoadBalancer", "Ensuring load balancer");
    }
    if (plan.addFinalizer()) {
      svc = client.update(svc.toBuilder().setMetadata(svc.getMetadata().toBuilder()
          .addFinalizers(LoadBalancerPlanner.FINALIZER)).build());
      log.info("{}: added finalizer {}", key, LoadBalancerPlanner.FINALIZER);
    }
    Optional<String> before = pool.ipOf(key);
    if (!before.equals(Optional.of(plan.ip()))) {
      pool.assign(key, plan.ip());
      log.info("{}: assigned {} from pool {}{}", key, plan.ip(), pool,
          before.map(b -> " (was " + b + ")").orElse(""));
      metrics.pool(pool.allocated(), pool.capacity());
      if (before.isPresent()) wakePending();
    }
    List<NodeTarget> hosts = NodeTarget.of(nodes.list());
    String ns = svc.getMetadata().getNamespace();
    String name = svc.getMetadata().getName();
    Service current = svc;
    Map<String, List<InetSocketAddress>> direct = spec.ports().stream().anyMatch(p -> p.nodePort() <= 0)
        ? DirectTargets.of(current, slices.list().stream()
            .filter(sl -> sl.getMetadata().getNamespace().equals(ns)
                && name.equals(sl.getMetadata().getLabelsOrDefault(SERVICE_NAME_LABEL, "")))
            .toList())
        : Map.of();
    LoadBalancers.Change change = balancers.ensure(spec, hosts, direct);
    if (plan.statusChanged()) {
      svc = client.updateStatus(svc.toBuilder().setStatus(svc.getStatus().toBuilder()
          .setLoadBalancer(plan.status())).build());
      log.info("{}: status.loadBalancer.ingress = {}", key, plan.ip());
    }
    if (announce) {
      events.normal(svc, "EnsuredLoadBalancer", "Ensured load balancer");
    } else if (change == LoadBalancers.Change.HOSTS) {
      events.normal(svc, "UpdatedLoadBalancer", "Updated load balancer with new hosts");
    }
    pending.remove(key);
    metrics.synced("ensured");
    return Result.done();
  }

  private Result fail(String key, Service svc, Plan.Fail plan) {
    events.normal(svc, "EnsuringLoadBalancer", "Ensuring load balancer");
    if (plan.addFinalizer()) {
      svc = client.update(svc.toBuilder().setMetadata(svc.getMetadata().toBuilder()
          .addFinalizers(LoadBalancerPlanner.FINALIZER)).build());
    }
    events.warning(svc, "SyncLoadBalancerFailed", plan.eventMessage());
    log.warn("{}: pending: {}", key, plan.reason());
    pending.add(key);
    metrics.synced("pending");
    return Result.requeue();
  }

  private Result cleanup(String key, Service svc, Plan.Cleanup plan) {
    events.normal(svc, "DeletingLoadBalancer", "Deleting load balancer");
    balancers.remove(key);
    if (plan.clearStatus()) {
      try {
        svc = client.updateStatus(svc.toBuilder().setStatus(svc.getStatus().toBuilder()
            .setLoadBalancer(LoadBalancerStatus.getDefaultInstance())).build());
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) throw e;
      }
    }
    if (plan.removeFinalizer()) {
      var meta = svc.getMetadata().toBuilder().clearFinalizers();
      svc.getMetadata().getFinalizersList().stream()
          .filter(f -> !f.equals(LoadBalancerPlanner.FINALIZER)).forEach(meta::addFinalizers);
      try {
        client.update(svc.toBuilder().setMetadata(meta).build());
        log.info("{}: removed finalizer {}", key, LoadBalancerPlanner.FINALIZER);
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) throw e;
      }
    }
    release(key);
    pending.remove(key);
    events.normal(svc, "DeletedLoadBalancer", "Deleted load balancer");
    metrics.synced("cleaned");
    return Result.done();
  }

  private void release(String key) {
    Optional<String> freed = pool.release(key);
    if (freed.isPresent()) {
      log.info("{}: released {} to pool {}", key, freed.get(), pool);
      metrics.pool(pool.allocated(), pool.capacity());
      wakePending();
    }
  }

  private void wakePending() {
    for (String k : Set.copyOf(pending)) {
      enqueue.accept(k);
    }
  }
}
