package io.svclab.proxy.iptables;

import java.util.List;
import java.util.Set;

/**
 * One sync's {@code iptables-restore --noflush} input: the filter table, then the nat table,
 * each its chain declarations, its rules and COMMIT, as kube-proxy writes them.
 *
 * @param activeNatChains the per-Service nat chains this state consists of (written or, in a
 *                        partial sync, left in place)
 */
public record RestoreInput(List<String> filter, List<String> nat, Set<String> activeNatChains) {
  public RestoreInput {
    filter = List.copyOf(filter);
    nat = List.copyOf(nat);
    activeNatChains = Set.copyOf(activeNatChains);
  }

  public String text() {
    StringBuilder b = new StringBuilder();
    filter.forEach(l -> b.append(l).append('\n'));
    nat.forEach(l -> b.append(l).append('\n'));
    return b.toString();
  }
}
