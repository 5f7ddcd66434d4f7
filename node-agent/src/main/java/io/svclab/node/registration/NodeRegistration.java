package io.svclab.node.registration;

import io.svclab.client.resource.StatusText;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LeaseSpec;
import io.svclab.api.v1.Namespace;
import io.svclab.api.v1.Node;
import io.svclab.api.v1.ObjectMeta;
import io.svclab.api.v1.OwnerReference;
import io.svclab.client.resource.ResourceClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the Node (create, or update spec and status when it exists), then keeps it alive
 * as kubelet does: renews Lease {@code kube-node-lease/<node>} every {@code leaseRenew}
 * (duration 40 s) and posts the node status (heartbeat times) every {@code statusUpdate}.
 */
public final class NodeRegistration implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(NodeRegistration.class);
  public static final String LEASE_NAMESPACE = "kube-node-lease";
  public static final int LEASE_DURATION_SECONDS = 40;
  private static final long FIRST_REGISTRATION_RETRY_MS = 100;
  private static final long MAX_REGISTRATION_RETRY_MS = 7_000;

  private final ResourceClient<Node> nodes;
  private final ResourceClient<Lease> leases;
  private final ResourceClient<Namespace> namespaces;
  private final NodeObject.Config config;
  private final Clock clock;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "node-heartbeat");
    t.setDaemon(true);
    return t;
  });
  private volatile Node node;
  private volatile boolean registered;

  public NodeRegistration(ResourceClient<Node> nodes, ResourceClient<Lease> leases, ResourceClient<Namespace> namespaces,
      NodeObject.Config config, Clock clock) {
    this.nodes = nodes;
    this.leases = leases;
    this.namespaces = namespaces;
    this.config = config;
    this.clock = clock;
  }

  public boolean registered() { return registered; }

  public NodeRegistration start(Duration leaseRenew, Duration statusUpdate) {
    timer.execute(() -> registerUntilDone(FIRST_REGISTRATION_RETRY_MS, statusUpdate));
    timer.scheduleWithFixedDelay(this::safeRenewLease, leaseRenew.toMillis() / 2, leaseRenew.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /**
   * kubelet's registerWithAPIServer: retry from 100 ms, doubling up to 7 s, so a node registers
   * moments after the apiserver comes up rather than a whole status interval later; then the
   * periodic status heartbeat (which also re-registers a deleted Node).
   */
  private void registerUntilDone(long retryMillis, Duration statusUpdate) {
    safeRegisterOrHeartbeat();
    if (registered) {
      timer.scheduleWithFixedDelay(this::safeRegisterOrHeartbeat, statusUpdate.toMillis(), statusUpdate.toMillis(),
          TimeUnit.MILLISECONDS);
    } else {
      long next = Math.min(retryMillis * 2, MAX_REGISTRATION_RETRY_MS);
      timer.schedule(() -> registerUntilDone(next, statusUpdate), retryMillis, TimeUnit.MILLISECONDS);
    }
  }

  private void safeRegisterOrHeartbeat() {
    try {
      if (!registered) {
        register();
      } else {
        heartbeat();
      }
    } catch (StatusRuntimeException e) {
      log.warn("node {}: {} failed: {}", config.name(), registered ? "status update" : "registration",
          StatusText.of(e));
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        registered = false;
      }
    } catch (RuntimeException e) {
      log.warn("node {}: heartbeat failed", config.name(), e);
    }
  }

  private void register() {
    Instant now = clock.instant();
    try {
      node = nodes.create(NodeObject.registration(config, now));
      log.info("node {}: registered (InternalIP {}, podCIDR {})", config.name(), config.ip(), config.podCidr());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) throw e;
      Node existing = nodes.get("", config.name());
      Node wanted = NodeObject.reconciled(existing, config);
      if (!wanted.equals(existing)) {
        existing = nodes.update(wanted);
      }
      node = nodes.updateStatus(existing.toBuilder().setStatus(NodeObject.status(config, now, existing.getStatus()))
          .setMetadata(existing.getMetadata().toBuilder().clearResourceVersion()).build());
      log.info("node {}: already registered; status updated (InternalIP {}, podCIDR {})", config.name(), config.ip(),
          config.podCidr());
    }
    registered = true;
    safeRenewLease();
  }

  private void heartbeat() {
    Node current = node;
    node = nodes.updateStatus(Node.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(config.name()))
        .setStatus(NodeObject.status(config, clock.instant(), current == null ? null : current.getStatus())).build());
  }

  private void safeRenewLease() {
    if (!registered) return;
    try {
      renewLease();
    } catch (StatusRuntimeException e) {
      log.warn("node {}: lease renewal failed: {}", config.name(), StatusText.of(e));
    }
  }

  private void renewLease() {
    Instant now = clock.instant();
    Timestamp ts = Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()).build();
    Node owner = node;
    ObjectMeta.Builder meta = ObjectMeta.newBuilder().setName(config.name()).setNamespace(LEASE_NAMESPACE);
    if (owner != null) {
      meta.addOwnerReferences(OwnerReference.newBuilder().setApiVersion("v1").setKind("Node")
          .setName(config.name()).setUid(owner.getMetadata().getUid()));
    }
    Lease lease = Lease.newBuilder().setApiVersion("coordination.k8s.io/v1").setKind("Lease").setMetadata(meta)
        .setSpec(LeaseSpec.newBuilder().setHolderIdentity(config.name()).setLeaseDurationSeconds(LEASE_DURATION_SECONDS)
            .setRenewTime(ts)).build();
    try {
      leases.update(lease);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) throw e;
      try {
        leases.create(lease);
        log.debug("node {}: lease {}/{} created", config.name(), LEASE_NAMESPACE, config.name());
      } catch (StatusRuntimeException e2) {
        if (e2.getStatus().getCode() != Status.Code.NOT_FOUND) throw e2;
        // the kube-node-lease namespace does not exist yet: create it, as the apiserver would at bootstrap
        try {
          namespaces.create(Namespace.newBuilder().setMetadata(ObjectMeta.newBuilder().setName(LEASE_NAMESPACE)).build());
          log.info("namespace {} created", LEASE_NAMESPACE);
        } catch (StatusRuntimeException e3) {
          if (e3.getStatus().getCode() != Status.Code.ALREADY_EXISTS) throw e3;
        }
        leases.create(lease);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
