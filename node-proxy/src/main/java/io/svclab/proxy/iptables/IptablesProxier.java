package io.svclab.proxy.iptables;

import io.svclab.client.flags.GoDuration;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.kernel.CommandRunner;
import io.svclab.proxy.kernel.ConntrackCleanup;
import io.svclab.proxy.snapshot.Proxier;
import io.svclab.proxy.snapshot.ProxierFailure;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The iptables proxier's shell (kube-proxy's syncProxyRules around the pure parts): on each
 * snapshot {@link SyncPlanner} picks full or partial, {@link IptablesRenderer} renders, and this
 * class only runs the tools in its own network namespace: the jump rules from the built-in
 * chains on full syncs ({@code iptables -C}, then {@code -I} when missing), {@code iptables-save
 * -t nat} for the chains to delete, one {@code iptables-restore --noflush} with the rules on
 * stdin, then {@code conntrack -D} for the UDP entries {@link ConntrackCleanup} names. A failed
 * restore is counted, logged once at INFO, makes the next sync a full one, and throws
 * {@link ProxierFailure} so that the sync loop retries at its next periodic sync.
 */
public final class IptablesProxier implements Proxier {
  private static final Logger log = LoggerFactory.getLogger(IptablesProxier.class);

  private final NodeContext ctx;
  private final CommandRunner runner;
  private final ProxyMetrics metrics;
  private final Duration syncPeriod;
  private final Clock clock;
  private ProxySnapshot applied;
  private boolean needFullSync = true;
  private Instant lastFullSync = Instant.EPOCH;
  private Instant lastChainCleanup = Instant.EPOCH;

  public IptablesProxier(NodeContext ctx, CommandRunner runner, ProxyMetrics metrics, Duration syncPeriod, Clock clock) {
    this.ctx = ctx;
    this.runner = runner;
    this.metrics = metrics;
    this.syncPeriod = syncPeriod;
    this.clock = clock;
  }

  /** Null when iptables can be used here; otherwise why not, in the tool's words (no root, no binary). */
  public static String unusable(CommandRunner runner) {
    CommandRunner.Result r = runner.run(null, List.of("iptables-save", "-t", "nat"));
    return r.ok() ? null : r.summary();
  }

  @Override
  public void apply(ProxySnapshot snapshot) {
    long start = System.nanoTime();
    Instant now = clock.instant();
    SyncScope scope = SyncPlanner.plan(applied, snapshot, needFullSync, lastFullSync, now);
    if (scope.full()) ensureJumps();
    if (SyncPlanner.readsExistingChains(endpointCount(snapshot), lastChainCleanup, syncPeriod, now)) {
      CommandRunner.Result saved = runner.run(null, List.of("iptables-save", "-t", "nat"));
      if (saved.ok()) {
        scope = scope.deletingStaleChainsOf(SavedChains.parse(saved.stdout()));
        lastChainCleanup = now;
      } else {
        log.info("Failed to list the nat chains, stale chains stay until a later sync: {}", saved.summary());
      }
    }
    RestoreInput input = IptablesRenderer.render(snapshot, ctx, scope);
    CommandRunner.Result restore = runner.run(input.text(), List.of("iptables-restore", "-w", "5", "--noflush"));
    if (!restore.ok()) {
      metrics.iptablesRestoreFailed(!scope.full());
      needFullSync = true;
      log.info("Sync failed ({} sync), retrying with a full sync in {}: {}", scope.full() ? "full" : "partial",
          GoDuration.format(syncPeriod), restore.summary());
      throw new ProxierFailure(restore.summary());
    }
    metrics.rulesSynced(scope.full(), Duration.ofNanos(System.nanoTime() - start));
    ProxySnapshot before = applied == null ? ProxySnapshot.EMPTY : applied;
    applied = snapshot;
    needFullSync = false;
    if (scope.full()) lastFullSync = now;
    deleteStaleConntrack(runner, ConntrackCleanup.deletions(before, snapshot));
    log.debug("iptables {} sync: {} service ports, {} Services rewritten", scope.full() ? "full" : "partial",
        snapshot.servicePorts().size(), scope.full() ? "all" : scope.changedServices().size());
  }

  /** kube-proxy's ensure step: each kube chain exists, and each built-in chain jumps to it (inserted first). */
  private void ensureJumps() {
    Set<String> created = new java.util.HashSet<>();
    for (IptablesRenderer.JumpRule jump : IptablesRenderer.jumpRules()) {
      if (created.add(jump.table() + "/" + jump.target())) {
        // "Chain already exists" is the usual answer and is fine; a real failure shows in -I below
        runner.run(null, List.of("iptables", "-w", "5", "-t", jump.table(), "-N", jump.target()));
      }
      List<String> check = new ArrayList<>(List.of("iptables", "-w", "5", "-t", jump.table(), "-C", jump.builtinChain()));
      check.addAll(jump.args());
      if (runner.run(null, check).ok()) continue;
      List<String> insert = new ArrayList<>(List.of("iptables", "-w", "5", "-t", jump.table(), "-I", jump.builtinChain()));
      insert.addAll(jump.args());
      CommandRunner.Result r = runner.run(null, insert);
      if (!r.ok()) {
        metrics.iptablesRestoreFailed(false);
        log.info("Sync failed (jump rules), retrying with a full sync in {}: {}", GoDuration.format(syncPeriod),
            r.summary());
        throw new ProxierFailure(r.summary());
      }
    }
  }

  /**
   * Removes what iptables mode made in this network namespace ({@link LeftoverRules}): the jump
   * rules that exist ({@code -C} first, so a missing one is no error), then the kube chains in one
   * restore. Returns the failures, in the tools' words (empty: clean). Nothing to remove, or no
   * iptables at all, is clean.
   */
  public static List<String> cleanupLeftovers(CommandRunner runner) {
    List<String> failures = new ArrayList<>();
    CommandRunner.Result nat = runner.run(null, List.of("iptables-save", "-t", "nat"));
    if (!nat.ok()) {
      // no iptables, or no root: there is nothing of ours to find (kube-proxy logs and goes on too)
      log.debug("Skipping iptables cleanup: {}", nat.summary());
      return failures;
    }
    for (IptablesRenderer.JumpRule jump : LeftoverRules.jumps()) {
      List<String> check = new ArrayList<>(List.of("iptables", "-w", "5", "-t", jump.table(), "-C", jump.builtinChain()));
      check.addAll(jump.args());
      if (!runner.run(null, check).ok()) continue;
      List<String> delete = new ArrayList<>(List.of("iptables", "-w", "5", "-t", jump.table(), "-D", jump.builtinChain()));
      delete.addAll(jump.args());
      CommandRunner.Result r = runner.run(null, delete);
      if (!r.ok()) failures.add(r.summary());
    }
    nat = runner.run(null, List.of("iptables-save", "-t", "nat"));
    CommandRunner.Result filter = runner.run(null, List.of("iptables-save", "-t", "filter"));
    if (!nat.ok() || !filter.ok()) {
      failures.add((nat.ok() ? filter : nat).summary());
      return failures;
    }
    String input = LeftoverRules.restoreInput(SavedChains.parse(nat.stdout()), SavedChains.parse(filter.stdout()));
    if (!input.isEmpty()) {
      CommandRunner.Result r = runner.run(input, List.of("iptables-restore", "-w", "5", "--noflush"));
      if (!r.ok()) failures.add(r.summary());
    }
    return failures;
  }

  /** Runs the deletions; "0 flow entries" (exit 1) is the common case of nothing to delete. */
  public static void deleteStaleConntrack(CommandRunner runner, List<List<String>> deletions) {
    for (List<String> args : deletions) {
      List<String> command = new ArrayList<>(List.of("conntrack"));
      command.addAll(args);
      CommandRunner.Result r = runner.run(null, command);
      if (!r.ok() && !r.stderr().contains("0 flow entries")) {
        log.info("Failed to delete stale UDP conntrack entries: {}", r.summary());
      }
    }
  }

  private static int endpointCount(ProxySnapshot snapshot) {
    int n = 0;
    for (ServicePortInfo port : snapshot.servicePorts()) n += port.endpoints().size();
    return n;
  }

  @Override
  public void close() {
    // kube-proxy leaves its rules in place when it stops: traffic keeps flowing until the next proxy syncs
  }
}
