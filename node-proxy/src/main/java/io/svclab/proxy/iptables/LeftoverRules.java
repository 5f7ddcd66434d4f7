package io.svclab.proxy.iptables;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What removes every rule iptables mode made (kube-proxy's iptables CleanupLeftovers, run by
 * {@code --cleanup} and when another mode starts): the jumps from the built-in chains, then one
 * {@code iptables-restore --noflush} that flushes and deletes the kube chains present. Unlike
 * kube-proxy this also removes {@code KUBE-MARK-MASQ} and {@code KUBE-FIREWALL}, which kube-proxy
 * leaves to the kubelet: here node-proxy is the only one that makes them. Pure.
 */
public final class LeftoverRules {
  static final List<String> NAT_CHAINS = List.of(ChainNames.SERVICES, ChainNames.NODE_PORTS, ChainNames.POSTROUTING,
      ChainNames.MARK_MASQ);
  static final List<String> FILTER_CHAINS = List.of(ChainNames.SERVICES, ChainNames.EXTERNAL_SERVICES,
      ChainNames.FORWARD, ChainNames.NODE_PORTS, ChainNames.PROXY_FIREWALL, ChainNames.KUBELET_FIREWALL);

  private LeftoverRules() {}

  /** The jump rules to delete, as {@code iptables} arguments after {@code -t TABLE -D|-C CHAIN}. */
  public static List<IptablesRenderer.JumpRule> jumps() {
    return IptablesRenderer.jumpRules();
  }

  /**
   * The restore input that flushes ({@code :CHAIN - [0:0]}) then deletes ({@code -X}) the kube
   * chains among {@code natChains} and {@code filterChains} (what {@code iptables-save -t nat} /
   * {@code -t filter} listed); empty when there is none.
   */
  public static String restoreInput(Set<String> natChains, Set<String> filterChains) {
    StringBuilder out = new StringBuilder();
    List<String> nat = new ArrayList<>();
    for (String chain : NAT_CHAINS) if (natChains.contains(chain)) nat.add(chain);
    for (String chain : natChains) if (ChainNames.isServiceChain(chain)) nat.add(chain);
    table("nat", nat, out);
    List<String> filter = new ArrayList<>();
    for (String chain : FILTER_CHAINS) if (filterChains.contains(chain)) filter.add(chain);
    table("filter", filter, out);
    return out.toString();
  }

  private static void table(String name, List<String> chains, StringBuilder out) {
    if (chains.isEmpty()) return;
    out.append('*').append(name).append('\n');
    for (String chain : chains) out.append(':').append(chain).append(" - [0:0]\n");
    for (String chain : chains) out.append("-X ").append(chain).append('\n');
    out.append("COMMIT\n");
  }
}
