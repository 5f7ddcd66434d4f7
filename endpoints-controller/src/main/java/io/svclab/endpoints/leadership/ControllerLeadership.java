package io.svclab.endpoints.leadership;

import io.svclab.client.controller.Controller;
import io.svclab.client.leader.LeaderCallbacks;
import io.svclab.endpoints.metrics.EndpointSliceMetrics;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the controller only while this replica holds the Lease. The informers run either way,
 * so a standby takes over with warm caches. A new leader syncs every key once: events seen
 * on standby were dropped, and the previous leader may have died mid-write.
 */
public final class ControllerLeadership implements LeaderCallbacks {
  private static final Logger log = LoggerFactory.getLogger(ControllerLeadership.class);
  /** Stopping must fit in the process' 2 s stop budget, after the lease release. */
  static final Duration STOP_GRACE = Duration.ofMillis(500);

  private final Controller controller;
  private final Supplier<Set<String>> allKeys;
  private final EndpointSliceMetrics metrics;
  private final String lease;

  public ControllerLeadership(Controller controller, Supplier<Set<String>> allKeys, EndpointSliceMetrics metrics,
      String lease) {
    this.controller = controller;
    this.allKeys = allKeys;
    this.metrics = metrics;
    this.lease = lease;
  }

  @Override
  public void onStartedLeading() {
    metrics.leading(lease, true);
    controller.start();
    Set<String> keys = allKeys.get();
    keys.forEach(controller::enqueue);
    log.info("leading: syncing {} services", keys.size());
  }

  @Override
  public void onStoppedLeading() {
    metrics.leading(lease, false);
    controller.stop(STOP_GRACE);
    log.info("standing by: controller stopped, caches kept warm");
  }
}
