package io.svclab.workload.replicaset;

import io.svclab.api.v1.Pod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Kubernetes' ControllerExpectations, by pod name: the creates and deletes a ReplicaSet
 * made that its pod cache has not shown yet. Until they show (or {@code timeout} passes),
 * the ReplicaSet is not scaled again, so a slow cache never causes extra pods.
 */
public final class PodExpectations {
  private record Pending(Set<String> creates, Set<String> deletes, Instant expires) {}

  private final Map<String, Pending> byReplicaSet = new ConcurrentHashMap<>();
  private final Duration timeout;
  private final Clock clock;

  public PodExpectations(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
  }

  public void expectCreate(String rsKey, String podName) {
    pending(rsKey).creates().add(podName);
  }

  public void expectDelete(String rsKey, String podName) {
    pending(rsKey).deletes().add(podName);
  }

  /** True when the cache ({@code podByName}) shows every expected change, or they expired. */
  public boolean satisfied(String rsKey, Function<String, Optional<Pod>> podByName) {
    Pending p = byReplicaSet.get(rsKey);
    if (p == null) {
      return true;
    }
    synchronized (p) {
      p.creates().removeIf(name -> podByName.apply(name).isPresent());
      p.deletes().removeIf(name -> podByName.apply(name).map(pod -> pod.getMetadata().hasDeletionTimestamp()).orElse(true));
      if ((p.creates().isEmpty() && p.deletes().isEmpty()) || clock.instant().isAfter(p.expires())) {
        byReplicaSet.remove(rsKey);
        return true;
      }
      return false;
    }
  }

  public void forget(String rsKey) {
    byReplicaSet.remove(rsKey);
  }

  private Pending pending(String rsKey) {
    return byReplicaSet.compute(rsKey, (k, p) -> p != null ? p
        : new Pending(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), clock.instant().plus(timeout)));
  }

  Set<String> outstanding(String rsKey) {
    Pending p = byReplicaSet.get(rsKey);
    Set<String> all = new HashSet<>();
    if (p != null) {
      all.addAll(p.creates());
      all.addAll(p.deletes());
    }
    return all;
  }
}
