package io.svclab.proxy.iptables;

import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Full or partial sync, and which Services a partial sync rewrites: kube-proxy's decision in
 * syncProxyRules ({@code doFullSync := needFullSync || time.Since(lastFullSync) > FullSyncPeriod},
 * then only the Services in the service and endpoints change trackers' UpdatedServices get their
 * chains written). Pure: the applied and the next snapshot, the flag and the clock are passed in.
 */
public final class SyncPlanner {
  /** kube-proxy's proxyutil.FullSyncPeriod: rewrite everything at least this often. */
  public static final Duration FULL_SYNC_PERIOD = Duration.ofHours(1);

  private SyncPlanner() {}

  /**
   * @param applied       the snapshot of the last successful restore (null before the first)
   * @param needFullSync  set at start, after a failed restore (the kernel may not hold what
   *                      {@code applied} says), and when something outside the Services changed
   *                      what every chain would contain (node labels, a flushed table)
   * @param lastFullSync  when the last full sync succeeded
   */
  public static SyncScope plan(ProxySnapshot applied, ProxySnapshot next, boolean needFullSync, Instant lastFullSync,
      Instant now) {
    if (applied == null || needFullSync || Duration.between(lastFullSync, now).compareTo(FULL_SYNC_PERIOD) > 0) {
      return SyncScope.FULL;
    }
    return SyncScope.partial(changedServices(applied, next));
  }

  /**
   * The Services ({@code namespace/name}) whose proxied ports differ: added, removed, or any
   * field or endpoint (address, port, conditions, node) of one of their ports changed.
   */
  public static Set<String> changedServices(ProxySnapshot before, ProxySnapshot after) {
    Map<String, List<ServicePortInfo>> old = byService(before);
    Map<String, List<ServicePortInfo>> now = byService(after);
    Set<String> changed = new HashSet<>();
    for (String key : old.keySet()) if (!old.get(key).equals(now.get(key))) changed.add(key);
    for (String key : now.keySet()) if (!old.containsKey(key)) changed.add(key);
    return Set.copyOf(changed);
  }

  /**
   * Whether this sync reads the kernel's nat chains to delete stale ones: every sync, except in
   * large-cluster mode (more than {@link IptablesRenderer#LARGE_CLUSTER_ENDPOINTS} endpoints),
   * where kube-proxy skips the costly iptables-save until a sync period has passed since the last
   * cleanup (stale chains are unreferenced, so harmless meanwhile).
   */
  public static boolean readsExistingChains(int endpoints, Instant lastCleanup, Duration syncPeriod, Instant now) {
    return endpoints <= IptablesRenderer.LARGE_CLUSTER_ENDPOINTS
        || Duration.between(lastCleanup, now).compareTo(syncPeriod) > 0;
  }

  private static Map<String, List<ServicePortInfo>> byService(ProxySnapshot snapshot) {
    Map<String, List<ServicePortInfo>> out = new HashMap<>();
    for (ServicePortInfo port : snapshot.servicePorts()) {
      out.computeIfAbsent(port.name().serviceKey(), k -> new ArrayList<>()).add(port);
    }
    return out;
  }
}
