package io.svclab.proxy.iptables;

import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@link ProxySnapshot} + {@link NodeContext} -> {@code iptables-restore --noflush} input for
 * the filter and nat tables, as kube-proxy v1.32's iptables proxier renders it
 * (pkg/proxy/iptables/proxier.go syncProxyRules). Pure: no I/O, the same inputs give the same
 * text. Service ports come in the snapshot's order (kube-proxy's is its map's, which its own
 * tests normalize away).
 *
 * <p>The jump rules from the built-in chains (PREROUTING/OUTPUT -> KUBE-SERVICES,
 * POSTROUTING -> KUBE-POSTROUTING, INPUT/FORWARD/OUTPUT -> the filter chains) are not part of
 * this input, as in kube-proxy, which writes them with {@code iptables -I} so that it never
 * replaces the whole built-in chains: see {@link #jumpRules}.
 */
public final class IptablesRenderer {
  /** Above this many endpoints kube-proxy drops per-endpoint comments ("large cluster mode"). */
  public static final int LARGE_CLUSTER_ENDPOINTS = 1000;

  private IptablesRenderer() {}

  public static RestoreInput render(ProxySnapshot snapshot, NodeContext ctx) {
    return render(snapshot, ctx, SyncScope.FULL);
  }

  public static RestoreInput render(ProxySnapshot snapshot, NodeContext ctx, SyncScope scope) {
    RuleLines filterChains = RuleLines.create();
    RuleLines filterRules = RuleLines.create();
    RuleLines natChains = RuleLines.create();
    RuleLines natRules = RuleLines.create();

    for (String chain : List.of(ChainNames.SERVICES, ChainNames.EXTERNAL_SERVICES, ChainNames.FORWARD,
        ChainNames.NODE_PORTS, ChainNames.PROXY_FIREWALL)) {
      filterChains.chain(chain);
    }
    for (String chain : List.of(ChainNames.SERVICES, ChainNames.NODE_PORTS, ChainNames.POSTROUTING,
        ChainNames.MARK_MASQ)) {
      natChains.chain(chain);
    }

    String mark = ctx.masqueradeMark();
    natRules.write("-A", ChainNames.POSTROUTING, "-m", "mark", "!", "--mark", mark + "/" + mark, "-j", "RETURN");
    // Clear the mark so a packet that traverses the stack again is not masqueraded twice.
    natRules.write("-A", ChainNames.POSTROUTING, "-j", "MARK", "--xor-mark", mark);
    List<String> masquerade = new ArrayList<>(List.of("-A", ChainNames.POSTROUTING, "-m", "comment", "--comment",
        RuleLines.quoted("kubernetes service traffic requiring SNAT"), "-j", "MASQUERADE"));
    if (ctx.randomFully()) masquerade.add("--random-fully");
    natRules.write(masquerade);
    natRules.write("-A", ChainNames.MARK_MASQ, "-j", "MARK", "--or-mark", mark);

    if (ctx.localhostNodePorts()) {
      // route_localnet (needed for NodePorts on 127.0.0.1) opens a hole, issue 90259; this closes it.
      filterChains.chain(ChainNames.KUBELET_FIREWALL);
      filterRules.write("-A", ChainNames.KUBELET_FIREWALL, "-m", "comment", "--comment",
          RuleLines.quoted("block incoming localnet connections"), "-d", "127.0.0.0/8", "!", "-s", "127.0.0.0/8",
          "-m", "conntrack", "!", "--ctstate", "RELATED,ESTABLISHED,DNAT", "-j", "DROP");
    }

    int totalEndpoints = 0;
    for (ServicePortInfo svc : snapshot.servicePorts()) totalEndpoints += svc.endpoints().size();
    boolean largeClusterMode = totalEndpoints > LARGE_CLUSTER_ENDPOINTS;

    Set<String> active = new HashSet<>();
    ServicePortRules.Tables tables = new ServicePortRules.Tables(filterRules, natChains, natRules, active);
    for (ServicePortInfo svc : snapshot.servicePorts()) {
      ServicePortRules.write(svc, ctx, largeClusterMode, tables, scope.writesChainsOf(svc.name().serviceKey()));
    }

    // Chains no longer in use: a chain line flushes it, then -X deletes it. Sorted for a stable text.
    for (String chain : new TreeSet<>(scope.existingNatChains())) {
      if (active.contains(chain) || !ChainNames.isServiceChain(chain)) continue;
      natChains.chain(chain);
      natRules.write("-X", chain);
    }

    // The tail call to KUBE-NODEPORTS must come after every other KUBE-SERVICES rule.
    String nodePortsComment = RuleLines.quoted("kubernetes service nodeports; NOTE: this must be the last rule in this chain");
    if (ctx.nodePortAddresses().isEmpty()) {
      List<String> rule = new ArrayList<>(List.of("-A", ChainNames.SERVICES, "-m", "comment", "--comment",
          nodePortsComment, "-m", "addrtype", "--dst-type", "LOCAL"));
      // Without route_localnet a localhost NodePort cannot work: keep it out.
      if (!ctx.localhostNodePorts()) rule.addAll(List.of("!", "-d", "127.0.0.0/8"));
      rule.addAll(List.of("-j", ChainNames.NODE_PORTS));
      natRules.write(rule);
    } else {
      for (String ip : ctx.nodePortAddresses()) {
        if (ip.startsWith("127.") && !ctx.localhostNodePorts()) continue;
        natRules.write("-A", ChainNames.SERVICES, "-m", "comment", "--comment", nodePortsComment, "-d", ip,
            "-j", ChainNames.NODE_PORTS);
      }
    }

    if (!ctx.conntrackTcpLiberal()) {
      // INVALID packets would otherwise reach the pod un-DNATed and be answered with a reset (issue 74839).
      List<String> rule = new ArrayList<>(List.of("-A", ChainNames.FORWARD, "-m", "conntrack", "--ctstate", "INVALID"));
      if (ctx.nfacct()) rule.addAll(List.of("-m", "nfacct", "--nfacct-name", "ct_state_invalid_dropped_pkts"));
      rule.addAll(List.of("-j", "DROP"));
      filterRules.write(rule);
    }
    // Forward marked traffic even when the FORWARD policy is not ACCEPT, and what follows it.
    filterRules.write("-A", ChainNames.FORWARD, "-m", "comment", "--comment",
        RuleLines.quoted("kubernetes forwarding rules"), "-m", "mark", "--mark", mark + "/" + mark, "-j", "ACCEPT");
    filterRules.write("-A", ChainNames.FORWARD, "-m", "comment", "--comment",
        RuleLines.quoted("kubernetes forwarding conntrack rule"), "-m", "conntrack", "--ctstate",
        "RELATED,ESTABLISHED", "-j", "ACCEPT");

    List<String> filter = new ArrayList<>();
    filter.add("*filter");
    filter.addAll(filterChains.lines());
    filter.addAll(filterRules.lines());
    filter.add("COMMIT");
    List<String> nat = new ArrayList<>();
    nat.add("*nat");
    nat.addAll(natChains.lines());
    nat.addAll(natRules.lines());
    nat.add("COMMIT");
    return new RestoreInput(filter, nat, active);
  }

  /**
   * kube-proxy's iptablesJumpChains: {@code table, built-in chain, rule} to insert (first
   * position) when missing, before the first restore. Here as data; applying them is the shell's.
   */
  public static List<JumpRule> jumpRules() {
    List<String> newConn = List.of("-m", "conntrack", "--ctstate", "NEW");
    List<JumpRule> jumps = new ArrayList<>(List.of(
        new JumpRule("filter", "INPUT", newConn, "kubernetes externally-visible service portals", ChainNames.EXTERNAL_SERVICES),
        new JumpRule("filter", "FORWARD", newConn, "kubernetes externally-visible service portals", ChainNames.EXTERNAL_SERVICES),
        new JumpRule("filter", "INPUT", List.of(), "kubernetes health check service ports", ChainNames.NODE_PORTS),
        new JumpRule("filter", "FORWARD", newConn, "kubernetes service portals", ChainNames.SERVICES),
        new JumpRule("filter", "OUTPUT", newConn, "kubernetes service portals", ChainNames.SERVICES),
        new JumpRule("filter", "FORWARD", List.of(), "kubernetes forwarding rules", ChainNames.FORWARD),
        new JumpRule("filter", "INPUT", newConn, "kubernetes load balancer firewall", ChainNames.PROXY_FIREWALL),
        new JumpRule("filter", "OUTPUT", newConn, "kubernetes load balancer firewall", ChainNames.PROXY_FIREWALL),
        new JumpRule("filter", "FORWARD", newConn, "kubernetes load balancer firewall", ChainNames.PROXY_FIREWALL),
        new JumpRule("nat", "OUTPUT", List.of(), "kubernetes service portals", ChainNames.SERVICES),
        new JumpRule("nat", "PREROUTING", List.of(), "kubernetes service portals", ChainNames.SERVICES),
        new JumpRule("nat", "POSTROUTING", List.of(), "kubernetes postrouting rules", ChainNames.POSTROUTING),
        // kubelet's chain, jumped to whether or not kube-proxy fills it (iptablesKubeletJumpChains)
        new JumpRule("filter", "INPUT", List.of(), "", ChainNames.KUBELET_FIREWALL),
        new JumpRule("filter", "OUTPUT", List.of(), "", ChainNames.KUBELET_FIREWALL)));
    return List.copyOf(jumps);
  }

  /** One jump from a built-in chain, as {@code iptables -t TABLE -I CHAIN ARGS} arguments. */
  public record JumpRule(String table, String builtinChain, List<String> match, String comment, String target) {
    public JumpRule {
      match = List.copyOf(match);
    }

    /** The rule's arguments after {@code -I CHAIN} (no shell quoting: one list element per argv entry). */
    public List<String> args() {
      List<String> args = new ArrayList<>(match);
      if (!comment.isEmpty()) args.addAll(List.of("-m", "comment", "--comment", comment));
      args.addAll(List.of("-j", target));
      return List.copyOf(args);
    }
  }
}
