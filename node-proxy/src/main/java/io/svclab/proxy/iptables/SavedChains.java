package io.svclab.proxy.iptables;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The chains of one table in {@code iptables-save -t TABLE} output (kube-proxy's
 * GetChainsFromTable): every {@code :NAME POLICY [packets:bytes]} line. A sync passes them as
 * {@link SyncScope#existingNatChains} so that chains of removed Services and endpoints are deleted.
 */
public final class SavedChains {
  private SavedChains() {}

  public static Set<String> parse(String iptablesSave) {
    Set<String> chains = new LinkedHashSet<>();
    for (String line : iptablesSave.split("\n")) {
      if (!line.startsWith(":")) continue;
      int space = line.indexOf(' ');
      chains.add(space < 0 ? line.substring(1) : line.substring(1, space));
    }
    return chains;
  }
}
