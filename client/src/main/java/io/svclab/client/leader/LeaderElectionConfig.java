package io.svclab.client.leader;

import java.time.Duration;

/**
 * @param namespace     of the Lease, e.g. {@code kube-system}
 * @param name          of the Lease, one per elected role (e.g. {@code endpoints-controller})
 * @param identity      this candidate, unique among candidates (e.g. hostname + pid)
 * @param leaseDuration how long others wait after the last renewal before taking over
 * @param renewDeadline a leader that could not renew for this long stops leading
 * @param renewPeriod   how often the leader renews and candidates retry
 */
public record LeaderElectionConfig(
    String namespace, String name, String identity,
    Duration leaseDuration, Duration renewDeadline, Duration renewPeriod) {

  public LeaderElectionConfig {
    if (renewDeadline.compareTo(leaseDuration) >= 0) {
      throw new IllegalArgumentException("renewDeadline must be shorter than leaseDuration");
    }
  }

  /** Kubernetes' defaults: 15 s lease, 10 s renew deadline, 2 s period. */
  public static LeaderElectionConfig of(String namespace, String name, String identity) {
    return new LeaderElectionConfig(namespace, name, identity,
        Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
  }

  public LeaderElectionConfig withTimings(Duration leaseDuration, Duration renewDeadline, Duration renewPeriod) {
    return new LeaderElectionConfig(namespace, name, identity, leaseDuration, renewDeadline, renewPeriod);
  }
}
