package io.svclab.client.leader;

import io.svclab.api.v1.Lease;
import io.svclab.api.v1.LeaseSpec;
import io.svclab.api.v1.ObjectMeta;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a candidate does with the Lease it just read, as a pure function of (lease,
 * identity, leading?, now). The elector writes the returned lease with the resourceVersion
 * it read, so when two candidates decide to acquire at once, one gets Conflict and loses.
 */
public sealed interface LeaseDecision {
  /** No lease yet: create it, held by us. */
  record Create(Lease lease) implements LeaseDecision {}

  /** Free or expired lease: take it over (leaseTransitions + 1). */
  record Acquire(Lease lease) implements LeaseDecision {}

  /** We hold it: extend it. */
  record Renew(Lease lease) implements LeaseDecision {}

  /** Another candidate holds a valid lease; retry later. */
  record Wait(String holder, Instant expiresAt) implements LeaseDecision {}

  /** We were leading, but another candidate holds a valid lease now: stop at once. */
  record Lost(String holder) implements LeaseDecision {}

  /**
   * @param current the lease as read, or null when it does not exist
   * @param leading whether this candidate currently believes it leads
   */
  static LeaseDecision decide(Lease current, LeaderElectionConfig config, boolean leading, Instant now) {
    String identity = config.identity();
    int seconds = (int) Math.max(1, config.leaseDuration().toSeconds());
    if (current == null) {
      return new Create(Lease.newBuilder()
          .setMetadata(ObjectMeta.newBuilder().setNamespace(config.namespace()).setName(config.name()))
          .setSpec(LeaseSpec.newBuilder().setHolderIdentity(identity).setLeaseDurationSeconds(seconds)
              .setAcquireTime(LeaseTimes.toProto(now)).setRenewTime(LeaseTimes.toProto(now))
              .setLeaseTransitions(0))
          .build());
    }
    LeaseSpec spec = current.getSpec();
    String holder = spec.getHolderIdentity();
    if (holder.equals(identity)) {
      LeaseSpec.Builder renewed = spec.toBuilder()
          .setLeaseDurationSeconds(seconds).setRenewTime(LeaseTimes.toProto(now));
      if (!spec.hasAcquireTime()) {
        renewed.setAcquireTime(LeaseTimes.toProto(now));
      }
      return new Renew(current.toBuilder().setSpec(renewed).build());
    }
    Optional<Instant> expiresAt = expiresAt(spec);
    if (!holder.isEmpty() && expiresAt.isPresent() && !expiresAt.get().isBefore(now)) {
      return leading ? new Lost(holder) : new Wait(holder, expiresAt.get());
    }
    return new Acquire(current.toBuilder().setSpec(spec.toBuilder()
        .setHolderIdentity(identity).setLeaseDurationSeconds(seconds)
        .setAcquireTime(LeaseTimes.toProto(now)).setRenewTime(LeaseTimes.toProto(now))
        .setLeaseTransitions(spec.getLeaseTransitions() + 1)).build());
  }

  /** renewTime + leaseDurationSeconds; empty when the lease was never renewed. */
  static Optional<Instant> expiresAt(LeaseSpec spec) {
    if (!spec.hasRenewTime()) {
      return Optional.empty();
    }
    return Optional.of(LeaseTimes.toInstant(spec.getRenewTime())
        .plus(Duration.ofSeconds(spec.getLeaseDurationSeconds())));
  }

  /**
   * The lease to write when stepping down, so another candidate can take over at once
   * instead of waiting out the lease; empty if we do not hold it.
   */
  static Optional<Lease> release(Lease current, String identity, Instant now) {
    if (current == null || !current.getSpec().getHolderIdentity().equals(identity)) {
      return Optional.empty();
    }
    return Optional.of(current.toBuilder().setSpec(current.getSpec().toBuilder()
        .clearHolderIdentity().setLeaseDurationSeconds(1).setRenewTime(LeaseTimes.toProto(now))).build());
  }

  /** A leader whose last successful renewal is older than the renew deadline must stop. */
  static boolean renewDeadlinePassed(Instant lastRenewal, Duration renewDeadline, Instant now) {
    return lastRenewal.plus(renewDeadline).isBefore(now);
  }
}
