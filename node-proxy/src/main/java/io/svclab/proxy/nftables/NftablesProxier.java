package io.svclab.proxy.nftables;

import io.svclab.client.flags.GoDuration;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.iptables.IptablesProxier;
import io.svclab.proxy.iptables.SyncPlanner;
import io.svclab.proxy.iptables.SyncScope;
import io.svclab.proxy.kernel.CommandRunner;
import io.svclab.proxy.kernel.ConntrackCleanup;
import io.svclab.proxy.snapshot.Proxier;
import io.svclab.proxy.snapshot.ProxierFailure;
import io.svclab.proxy.snapshot.ProxySnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nftables proxier's shell: each snapshot becomes one {@code nft -f -} transaction run in the
 * proxy's own network namespace, then {@code conntrack -D} for stale UDP entries. The plan is
 * pure: {@link SyncPlanner} (shared with iptables mode: full at start, after a failure, and an
 * hour after the last full sync) names the changed Services, {@link NftState} re-renders only
 * those, and {@link NftSyncPlan} writes either the whole table (deleted and declared again inside
 * the same transaction: atomic, and nothing a previous process left survives) or only the changed
 * Services' chains and map elements, as kube-proxy's nftables proxier does after its first sync;
 * a chain that left is flushed at once and deleted by a sync a second or more later.
 */
public final class NftablesProxier implements Proxier {
  private static final Logger log = LoggerFactory.getLogger(NftablesProxier.class);

  private final NftContext ctx;
  private final CommandRunner runner;
  private final ProxyMetrics metrics;
  private final Duration syncPeriod;
  private final Clock clock;
  private ProxySnapshot applied;
  private NftState state;
  private boolean needFullSync = true;
  private Instant lastFullSync = Instant.EPOCH;
  private Map<String, Instant> stale = Map.of();

  public NftablesProxier(NftContext ctx, CommandRunner runner, ProxyMetrics metrics, Duration syncPeriod, Clock clock) {
    this.ctx = ctx;
    this.runner = runner;
    this.metrics = metrics;
    this.syncPeriod = syncPeriod;
    this.clock = clock;
  }

  /** Null when nft can be used here; otherwise why not, in the tool's words (no root, no binary). */
  public static String unusable(CommandRunner runner) {
    CommandRunner.Result r = runner.run(null, List.of("nft", "list", "tables"));
    return r.ok() ? null : r.summary();
  }

  /**
   * Removes what nftables mode made (kube-proxy's nftables CleanupLeftovers): {@code table ip
   * kube-proxy}, when it exists. Returns the failures (empty: clean); no nft at all is clean.
   */
  public static List<String> cleanupLeftovers(CommandRunner runner) {
    CommandRunner.Result tables = runner.run(null, List.of("nft", "list", "tables"));
    if (!tables.ok()) {
      log.debug("Skipping nftables cleanup: {}", tables.summary());
      return List.of();
    }
    if (tables.stdout().lines().noneMatch(l -> l.strip().equals("table " + NftablesRenderer.T.strip()))) return List.of();
    CommandRunner.Result r = runner.run(null, List.of("nft", "delete", "table", "ip", "kube-proxy"));
    return r.ok() ? List.of() : List.of(r.summary());
  }

  @Override
  public void apply(ProxySnapshot snapshot) {
    long start = System.nanoTime();
    Instant now = clock.instant();
    SyncScope scope = SyncPlanner.plan(applied, snapshot, needFullSync, lastFullSync, now);
    NftState next = scope.full() ? NftState.render(snapshot, ctx) : state.replacing(scope.changedServices(), snapshot, ctx);
    boolean full = scope.full() || !next.base().equals(state.base());
    NftSyncPlan plan = full ? NftSyncPlan.full(next)
        : NftSyncPlan.partial(state, next, scope.changedServices(), stale, now);
    CommandRunner.Result r = plan.transaction().isEmpty() ? null : runner.run(plan.transaction(), List.of("nft", "-f", "-"));
    if (r != null && !r.ok()) {
      metrics.nftablesSyncFailed();
      needFullSync = true;
      log.info("Sync failed ({} sync), retrying with a full sync in {}: {}", full ? "full" : "partial",
          GoDuration.format(syncPeriod), r.summary());
      throw new ProxierFailure(r.summary());
    }
    metrics.rulesSynced(full, Duration.ofNanos(System.nanoTime() - start));
    ProxySnapshot before = applied == null ? ProxySnapshot.EMPTY : applied;
    applied = snapshot;
    state = next;
    needFullSync = false;
    if (full) lastFullSync = now;
    stale = plan.stale();
    IptablesProxier.deleteStaleConntrack(runner, ConntrackCleanup.deletions(before, snapshot));
    log.debug("nftables {} sync: {} service ports, {} Services rewritten", full ? "full" : "partial",
        snapshot.servicePorts().size(), full ? "all" : scope.changedServices().size());
  }

  @Override
  public void close() {
    // as kube-proxy: the table stays, so traffic keeps flowing until the next proxy syncs
  }
}
