package io.svclab.apiserver.bootstrap;

import io.svclab.api.v1.DeleteRequest;
import io.svclab.api.v1.EndpointSubset;
import io.svclab.api.v1.EndpointsObject;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.apiserver.errors.ApiException;
import io.svclab.apiserver.registry.ListOptions;
import io.svclab.apiserver.registry.Registry;
import io.svclab.client.resource.ResourceKinds;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this apiserver's Lease renewed and {@code default/kubernetes}'s Endpoints equal to what
 * {@link ApiServerLeases#publish} decides, every {@link ApiServerLeases#RENEW_INTERVAL}; on a clean
 * stop it drops its Lease and its address. Every write is conditional on the resourceVersion it
 * read (a Conflict is read again), so apiservers sharing a store converge instead of overwriting.
 */
public final class EndpointReconciler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EndpointReconciler.class);
  private static final Set<String> RACES = Set.of("Conflict", "AlreadyExists", "NotFound");
  private static final int ATTEMPTS = 5;

  private final Registry registry;
  private final String ip;
  private final int port;
  private final String leaseName;
  private final Clock clock;
  private ScheduledExecutorService timer;

  public EndpointReconciler(Registry registry, String ip, int port, Clock clock) {
    this.registry = registry;
    this.ip = ip;
    this.port = port;
    this.leaseName = ApiServerLeases.leaseName(hostName(), port);
    this.clock = clock;
  }

  /** Renews the Lease and reconciles the Endpoints once, now. */
  public void reconcile() {
    renewLease();
    reconcileEndpoints(true);
  }

  /** Then again every renew interval, on a daemon thread, until {@link #close()}. */
  public EndpointReconciler start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "apiserver-endpoints");
      t.setDaemon(true);
      return t;
    });
    long every = ApiServerLeases.RENEW_INTERVAL.toMillis();
    timer.scheduleWithFixedDelay(() -> {
      try {
        reconcile();
      } catch (RuntimeException e) {  // a store that is away now is tried again next time
        log.warn("endpoint reconciler: {}", e.getMessage());
      }
    }, every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  private void renewLease() {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      Optional<Lease> current = registry.find(ResourceKinds.LEASES, ApiServerLeases.NAMESPACE, leaseName);
      Lease next = ApiServerLeases.renewed(current, leaseName, ip, port, clock.instant());
      try {
        if (current.isEmpty()) {
          registry.create(ResourceKinds.LEASES, next);
        } else {
          registry.update(ResourceKinds.LEASES, next, false);
        }
        return;
      } catch (ApiException e) {
        if (!RACES.contains(e.reason())) {
          throw e;
        }
      }
    }
  }

  private void reconcileEndpoints(boolean includeSelf) {
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      List<Lease> leases = registry.list(ResourceKinds.LEASES,
          new ListOptions(ApiServerLeases.NAMESPACE, ApiServerLeases.SELECTOR, "", 0, "")).items();
      List<EndpointSubset> want = ApiServerLeases.publish(leases,
          includeSelf ? Optional.of(ApiServerLeases.address(ip, port)) : Optional.empty(), clock.instant());
      Optional<EndpointsObject> current = registry.find(ResourceKinds.ENDPOINTS, "default", "kubernetes");
      try {
        if (current.isEmpty()) {
          registry.create(ResourceKinds.ENDPOINTS, EndpointsObject.newBuilder()
              .setMetadata(ObjectMeta.newBuilder().setName("kubernetes").setNamespace("default")
                  .putLabels("endpointslice.kubernetes.io/skip-mirror", "true"))
              .addAllSubsets(want).build());
          return;
        }
        if (current.get().getSubsetsList().equals(want)) {
          return;
        }
        // the resourceVersion read above makes this a compare-and-swap
        registry.update(ResourceKinds.ENDPOINTS, current.get().toBuilder().clearSubsets().addAllSubsets(want).build(), false);
        log.info("default/kubernetes endpoints now {}", describe(want));
        return;
      } catch (ApiException e) {
        if (!RACES.contains(e.reason())) {
          throw e;
        }
      }
    }
  }

  private static String describe(List<EndpointSubset> subsets) {
    return subsets.stream().flatMap(s -> s.getAddressesList().stream().map(a -> a.getIp() + ":" + s.getPorts(0).getPort()))
        .toList().toString();
  }

  /** Stops renewing, removes this apiserver's Lease and its address (kube-apiserver's RemoveEndpoints on shutdown). */
  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
    try {
      registry.delete(ResourceKinds.LEASES, DeleteRequest.newBuilder().setNamespace(ApiServerLeases.NAMESPACE)
          .setName(leaseName).build());
      reconcileEndpoints(false);
    } catch (RuntimeException e) {  // the others drop the address when the Lease expires
      log.warn("endpoint reconciler: could not remove this apiserver's address: {}", e.getMessage());
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";  // a host that cannot resolve its own name still has one apiserver per port
    }
  }
}
