package io.svclab.workload;

import io.svclab.client.controller.Controller;
import io.svclab.client.leader.LeaderCallbacks;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controllers only while this replica holds the Lease; informers run either way,
 * so a standby takes over with warm caches. A new leader reconciles every key once:
 * events seen on standby were not acted on.
 */
public final class Leadership implements LeaderCallbacks {
  private static final Logger log = LoggerFactory.getLogger(Leadership.class);
  /** All controllers must stop within the process' 2 s stop budget. */
  static final Duration STOP_GRACE = Duration.ofMillis(300);

  /** A controller and the keys it syncs when leadership starts. */
  public record Member(Controller controller, Supplier<Collection<String>> allKeys) {}

  private final List<Member> members;
  private final WorkloadMetrics metrics;
  private final String lease;

  public Leadership(List<Member> members, WorkloadMetrics metrics, String lease) {
    this.members = members;
    this.metrics = metrics;
    this.lease = lease;
  }

  @Override
  public void onStartedLeading() {
    metrics.leading(lease, true);
    int keys = 0;
    for (Member m : members) {
      m.controller().start();
      Collection<String> all = m.allKeys().get();
      all.forEach(m.controller()::enqueue);
      keys += all.size();
    }
    log.info("leading {}: started {} controllers, syncing {} keys", lease, members.size(), keys);
  }

  @Override
  public void onStoppedLeading() {
    metrics.leading(lease, false);
    members.forEach(m -> m.controller().stop(STOP_GRACE));
    log.info("standing by: controllers stopped, caches kept warm");
  }
}
