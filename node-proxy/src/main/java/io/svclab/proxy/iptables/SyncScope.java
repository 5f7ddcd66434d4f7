package io.svclab.proxy.iptables;

import java.util.Set;

/**
 * What one sync rewrites. A full sync writes every Service's chains; a partial sync (kube-proxy's
 * approach since 1.26) writes the top-level chains whole but the KUBE-SVC/SVL/EXT/FW/SEP chains
 * only of the Services named in {@code changedServices} ({@code namespace/name}), leaving the
 * others as the kernel has them. {@code existingNatChains} are the nat chains in the kernel
 * (from {@code iptables-save -t nat}); those of kube-proxy's per-Service kinds that this sync
 * does not produce are flushed and deleted. Empty: no deletion this time (kube-proxy skips the
 * iptables-save in large clusters unless a sync period has passed).
 */
public record SyncScope(boolean full, Set<String> changedServices, Set<String> existingNatChains) {
  public static final SyncScope FULL = new SyncScope(true, Set.of(), Set.of());

  public SyncScope {
    changedServices = Set.copyOf(changedServices);
    existingNatChains = Set.copyOf(existingNatChains);
  }

  public static SyncScope partial(Set<String> changedServices) {
    return new SyncScope(false, changedServices, Set.of());
  }

  public SyncScope deletingStaleChainsOf(Set<String> existingNatChains) {
    return new SyncScope(full, changedServices, existingNatChains);
  }

  boolean writesChainsOf(String serviceKey) {
    return full || changedServices.contains(serviceKey);
  }
}
