package io.svclab.proxy.nftables;

import io.svclab.client.flags.GoDuration;
import io.svclab.proxy.ProxyMetrics;
import io.svclab.proxy.iptables.IptablesProxier;
import io.svclab.proxy.kernel.CommandRunner;
import io.svclab.proxy.kernel.ConntrackCleanup;
import io.svclab.proxy.snapshot.Proxier;
import io.svclab.proxy.snapshot.ProxierFailure;
import io.svclab.proxy.snapshot.ProxySnapshot;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nftables proxier's shell: each snapshot becomes one {@code nft -f -} transaction
 * ({@link NftablesRenderer}) run in the proxy's own network namespace, then {@code conntrack -D}
 * for stale UDP entries. The first sync, and the first after a failure, deletes and recreates
 * {@code table ip kube-proxy} inside the same transaction (atomic: no moment without rules), so
 * nothing a previous process left survives. Later syncs flush the chains the last state had and
 * this one does not, and delete them one sync later, as kube-proxy does (a chain still named in
 * a map element being removed in the same transaction cannot be deleted yet).
 */
public final class NftablesProxier implements Proxier {
  private static final Logger log = LoggerFactory.getLogger(NftablesProxier.class);

  private final NftContext ctx;
  private final CommandRunner runner;
  private final ProxyMetrics metrics;
  private final Duration syncPeriod;
  private ProxySnapshot applied;
  private boolean needFullSync = true;
  private Set<String> chains = Set.of();
  private Set<String> flushedStale = Set.of();

  public NftablesProxier(NftContext ctx, CommandRunner runner, ProxyMetrics metrics, Duration syncPeriod) {
    this.ctx = ctx;
    this.runner = runner;
    this.metrics = metrics;
    this.syncPeriod = syncPeriod;
  }

  /** Null when nft can be used here; otherwise why not, in the tool's words (no root, no binary). */
  public static String unusable(CommandRunner runner) {
    CommandRunner.Result r = runner.run(null, List.of("nft", "list", "tables"));
    return r.ok() ? null : r.summary();
  }

  @Override
  public void apply(ProxySnapshot snapshot) {
    List<String> state = NftablesRenderer.render(snapshot, ctx);
    Set<String> next = chainsOf(state);
    StringBuilder tx = new StringBuilder();
    Set<String> stale = new LinkedHashSet<>();
    if (needFullSync) {
      tx.append("add table ip kube-proxy\ndelete table ip kube-proxy\n");
    } else {
      for (String chain : chains) if (!next.contains(chain)) stale.add(chain);
    }
    tx.append(NftablesRenderer.transaction(state));
    for (String chain : stale) tx.append("flush chain ip kube-proxy ").append(chain).append('\n');
    if (!needFullSync) {
      for (String chain : flushedStale) {
        if (!next.contains(chain)) tx.append("delete chain ip kube-proxy ").append(chain).append('\n');
      }
    }
    CommandRunner.Result r = runner.run(tx.toString(), List.of("nft", "-f", "-"));
    if (!r.ok()) {
      metrics.nftablesSyncFailed();
      needFullSync = true;
      log.info("Sync failed, retrying with a full sync in {}: {}", GoDuration.format(syncPeriod), r.summary());
      throw new ProxierFailure(r.summary());
    }
    ProxySnapshot before = applied == null ? ProxySnapshot.EMPTY : applied;
    applied = snapshot;
    needFullSync = false;
    chains = next;
    flushedStale = Set.copyOf(stale);
    IptablesProxier.deleteStaleConntrack(runner, ConntrackCleanup.deletions(before, snapshot));
    log.debug("nftables sync: {} service ports, {} chains, {} stale flushed", snapshot.servicePorts().size(),
        next.size(), stale.size());
  }

  /** The chain names an {@code nft} state declares ({@code add chain ip kube-proxy NAME ...}). */
  static Set<String> chainsOf(List<String> state) {
    String prefix = "add chain " + NftablesRenderer.T;
    Set<String> out = new LinkedHashSet<>();
    for (String line : state) {
      if (line.startsWith(prefix)) out.add(line.substring(prefix.length()).split(" ")[0]);
    }
    return Set.copyOf(out);
  }

  @Override
  public void close() {
    // as kube-proxy: the table stays, so traffic keeps flowing until the next proxy syncs
  }
}
