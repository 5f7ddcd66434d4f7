package io.svclab.client.leader;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.svclab.api.v1.Lease;
import io.svclab.client.resource.ResourceClient;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election on a Lease object, as client-go's leaderelection with a LeaseLock:
 * every {@code renewPeriod} read the lease, let {@link LeaseDecision} decide, and write
 * with the resourceVersion read (a Conflict means another candidate won this round).
 * {@link #stop()} releases the lease so a standby takes over without waiting it out.
 */
public final class LeaderElector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LeaderElector.class);

  private final ResourceClient<Lease> leases;
  private final LeaderElectionConfig config;
  private final LeaderCallbacks callbacks;
  private final Clock clock;
  private final ScheduledExecutorService thread;
  private final String lease;
  private volatile boolean leading;
  private volatile boolean stopping;
  private Instant lastRenewal = Instant.EPOCH;
  private String observedHolder = "";
  private boolean started;

  public LeaderElector(ResourceClient<Lease> leases, LeaderElectionConfig config, LeaderCallbacks callbacks, Clock clock) {
    this.leases = leases;
    this.config = config;
    this.callbacks = callbacks;
    this.clock = clock;
    this.lease = config.namespace() + "/" + config.name();
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "leader-elector-" + config.name());
      t.setDaemon(true);
      return t;
    });
  }

  public LeaderElector(ResourceClient<Lease> leases, LeaderElectionConfig config, LeaderCallbacks callbacks) {
    this(leases, config, callbacks, Clock.systemUTC());
  }

  public synchronized LeaderElector start() {
    if (!started) {
      started = true;
      thread.scheduleWithFixedDelay(this::tick, 0, config.renewPeriod().toMillis(), TimeUnit.MILLISECONDS);
    }
    return this;
  }

  public boolean isLeader() { return leading; }

  public String identity() { return config.identity(); }

  /** One round: read, decide, write. Runs on the elector thread. */
  void tick() {
    if (stopping) {
      return; // a round after release would take the lease back
    }
    Instant now = clock.instant();
    try {
      Lease current = read();
      observe(current);
      LeaseDecision decision = LeaseDecision.decide(current, config, leading, now);
      if (decision instanceof LeaseDecision.Create c) {
        succeeded(leases.create(c.lease()), now);
      } else if (decision instanceof LeaseDecision.Acquire a) {
        log.info("lease {}: taking over from {}", lease, displayHolder(current));
        succeeded(leases.update(a.lease()), now);
      } else if (decision instanceof LeaseDecision.Renew r) {
        succeeded(leases.update(r.lease()), now);
      } else if (decision instanceof LeaseDecision.Lost l) {
        log.warn("lease {}: now held by {}, stepping down", lease, l.holder());
        stopLeading();
      }
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.ABORTED || code == Status.Code.ALREADY_EXISTS) {
        log.info("lease {}: another candidate wrote first ({})", lease, code);
      } else {
        log.warn("lease {}: {}", lease, io.svclab.client.resource.StatusText.of(e));
      }
      if (leading && LeaseDecision.renewDeadlinePassed(lastRenewal, config.renewDeadline(), now)) {
        log.warn("lease {}: not renewed since {}, stepping down", lease, lastRenewal);
        stopLeading();
      }
    } catch (RuntimeException e) {
      log.error("lease {}: election round failed", lease, e);
    }
  }

  private Lease read() {
    try {
      return leases.get(config.namespace(), config.name());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private void observe(Lease current) {
    String holder = current == null ? "" : current.getSpec().getHolderIdentity();
    if (!holder.equals(observedHolder)) {
      observedHolder = holder;
      if (!holder.isEmpty()) {
        if (holder.equals(config.identity())) {
          log.debug("lease {}: held by {}", lease, holder);  // "started leading" says it
        } else {
          log.info("lease {}: held by {}", lease, holder);
        }
        safely(() -> callbacks.onNewLeader(holder));
      }
    }
  }

  private void succeeded(Lease written, Instant now) {
    lastRenewal = now;
    observe(written);
    if (!leading) {
      leading = true;
      log.info("lease {}: {} started leading (transitions {})", lease, config.identity(),
          written.getSpec().getLeaseTransitions());
      safely(callbacks::onStartedLeading);
    }
  }

  private void stopLeading() {
    if (leading) {
      leading = false;
      log.info("lease {}: {} stopped leading", lease, config.identity());
      safely(callbacks::onStoppedLeading);
    }
  }

  private static String displayHolder(Lease current) {
    return current == null || current.getSpec().getHolderIdentity().isEmpty() ? "nobody" : current.getSpec().getHolderIdentity();
  }

  private void safely(Runnable callback) {
    try {
      callback.run();
    } catch (RuntimeException e) {
      log.error("lease {}: leader callback failed", lease, e);
    }
  }

  /** Stops electing; if leading, releases the lease and calls onStoppedLeading. Bounded to ~1 s. */
  public void stop() {
    synchronized (this) {
      if (!started) {
        return;
      }
      started = false;
    }
    stopping = true;
    try {
      thread.submit(this::release).get(1, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("lease {}: release did not finish: {}", lease, e.toString());
    }
    thread.shutdownNow();
  }

  private void release() {
    if (!leading) {
      return;
    }
    try {
      Optional<Lease> released = LeaseDecision.release(read(), config.identity(), clock.instant());
      if (released.isPresent()) {
        leases.update(released.get());
        log.info("lease {}: released by {}", lease, config.identity());
      }
    } catch (StatusRuntimeException e) {
      log.warn("lease {}: release failed: {}", lease, io.svclab.client.resource.StatusText.of(e));
    } finally {
      stopLeading();
    }
  }

  @Override
  public void close() {
    stop();
  }
}
