package io.svclab.proxy.nftables;

import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.EndpointCategories;
import io.svclab.proxy.snapshot.ProxySnapshot;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ProxySnapshot} -> the {@code table ip kube-proxy} of kube-proxy's nftables proxier, as
 * {@code nft -f} input (one transaction, full sync): the {@code service-ips} and
 * {@code service-nodeports} verdict maps dispatch to per-Service {@code service-*} chains, which
 * pick an endpoint with {@code numgen random mod N vmap}; {@code external-*}, {@code firewall-*},
 * {@code endpoint-*} chains and {@code affinity-*} sets as kube-proxy writes them
 * (pkg/proxy/nftables/proxier.go). Pure. Objects come in the snapshot's order.
 */
public final class NftablesRenderer {
  static final String T = "ip kube-proxy ";

  private NftablesRenderer() {}

  public static List<String> render(ProxySnapshot snapshot, NftContext ctx) {
    return NftState.render(snapshot, ctx).lines();
  }

  /**
   * The state as one {@code nft -f} transaction that replaces what a previous sync left, as
   * kube-proxy's transaction does: every chain and the dispatch maps and sets are flushed right
   * after they are declared, so their rules and elements are exactly this sync's. Affinity sets
   * are not flushed (they hold the client-to-endpoint memory).
   */
  public static String transaction(List<String> state) {
    StringBuilder b = new StringBuilder();
    for (String line : state) {
      b.append(line).append('\n');
      String flush = null;
      if (line.startsWith("add chain " + T)) flush = "chain";
      else if (line.startsWith("add map " + T)) flush = "map";
      else if (line.startsWith("add set " + T) && !line.startsWith("add set " + T + "affinity-")) flush = "set";
      if (flush != null) {
        String name = line.substring(("add " + flush + " " + T).length()).split(" ")[0];
        b.append("flush ").append(flush).append(' ').append(T).append(name).append('\n');
      }
    }
    return b.toString();
  }

  static List<String> baseRules(NftContext ctx) {
    boolean matchAll = ctx.nodePortAddresses().isEmpty();
    List<String> o = new ArrayList<>();
    o.add("add table " + T + "{ comment \"rules for kube-proxy\" ; }");
    o.add("add set " + T + "cluster-ips { type ipv4_addr ; comment \"Active ClusterIPs\" ; }");
    if (!matchAll) o.add("add set " + T + "nodeport-ips { type ipv4_addr ; comment \"IPs that accept NodePort traffic\" ; }");
    o.add("add map " + T + "firewall-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment \"destinations that are subject to LoadBalancerSourceRanges\" ; }");
    o.add("add map " + T + "no-endpoint-nodeports { type inet_proto . inet_service : verdict ; comment \"vmap to drop or reject packets to service nodeports with no endpoints\" ; }");
    o.add("add map " + T + "no-endpoint-services { type ipv4_addr . inet_proto . inet_service : verdict ; comment \"vmap to drop or reject packets to services with no endpoints\" ; }");
    o.add("add map " + T + "service-ips { type ipv4_addr . inet_proto . inet_service : verdict ; comment \"ClusterIP, ExternalIP and LoadBalancer IP traffic\" ; }");
    o.add("add map " + T + "service-nodeports { type inet_proto . inet_service : verdict ; comment \"NodePort traffic\" ; }");
    for (String chain : List.of("cluster-ips-check", "firewall-check", "mark-for-masquerade", "masquerading",
        "nodeport-endpoints-check", "services", "service-endpoints-check")) {
      o.add("add chain " + T + chain);
    }
    // base chains: filtering sees pre-DNAT destinations, so it runs before DNAT (-100)
    o.add("add chain " + T + "filter-prerouting-pre-dnat { type filter hook prerouting priority -110 ; }");
    o.add("add chain " + T + "filter-output-pre-dnat { type filter hook output priority -110 ; }");
    o.add("add chain " + T + "filter-forward { type filter hook forward priority 0 ; }");
    o.add("add chain " + T + "filter-input { type filter hook input priority 0 ; }");
    o.add("add chain " + T + "filter-output { type filter hook output priority 0 ; }");
    o.add("add chain " + T + "nat-output { type nat hook output priority -100 ; }");
    o.add("add chain " + T + "nat-postrouting { type nat hook postrouting priority 100 ; }");
    o.add("add chain " + T + "nat-prerouting { type nat hook prerouting priority -100 ; }");
    o.add("add chain " + T + "reject-chain { comment \"helper for @no-endpoint-services / @no-endpoint-nodeports\" ; }");

    o.add("add rule " + T + "cluster-ips-check ip daddr @cluster-ips reject comment \"Reject traffic to invalid ports of ClusterIPs\"");
    if (!ctx.serviceCidrs().isEmpty()) {
      o.add("add rule " + T + "cluster-ips-check ip daddr { " + ctx.serviceCidrs() + " } drop comment \"Drop traffic to unallocated ClusterIPs\"");
    }
    o.add("add rule " + T + "filter-prerouting-pre-dnat ct state new jump firewall-check");
    o.add("add rule " + T + "filter-forward ct state new jump service-endpoints-check");
    o.add("add rule " + T + "filter-forward ct state new jump cluster-ips-check");
    o.add("add rule " + T + "filter-input ct state new jump nodeport-endpoints-check");
    o.add("add rule " + T + "filter-input ct state new jump service-endpoints-check");
    o.add("add rule " + T + "filter-output ct state new jump service-endpoints-check");
    o.add("add rule " + T + "filter-output-pre-dnat ct state new jump firewall-check");
    o.add("add rule " + T + "filter-output ct state new jump cluster-ips-check");
    o.add("add rule " + T + "firewall-check ip daddr . meta l4proto . th dport vmap @firewall-ips");
    o.add("add rule " + T + "mark-for-masquerade mark set mark or " + ctx.masqueradeMark());
    o.add("add rule " + T + "masquerading mark and " + ctx.masqueradeMark() + " == 0 return");
    o.add("add rule " + T + "masquerading mark set mark xor " + ctx.masqueradeMark());
    o.add("add rule " + T + "masquerading masquerade fully-random");
    o.add("add rule " + T + "nat-output jump services");
    o.add("add rule " + T + "nat-postrouting jump masquerading");
    o.add("add rule " + T + "nat-prerouting jump services");
    if (matchAll) {
      o.add("add rule " + T + "nodeport-endpoints-check ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @no-endpoint-nodeports");
    } else {
      o.add("add rule " + T + "nodeport-endpoints-check ip daddr @nodeport-ips meta l4proto . th dport vmap @no-endpoint-nodeports");
    }
    o.add("add rule " + T + "reject-chain reject");
    o.add("add rule " + T + "services ip daddr . meta l4proto . th dport vmap @service-ips");
    if (matchAll) {
      o.add("add rule " + T + "services fib daddr type local ip daddr != 127.0.0.0/8 meta l4proto . th dport vmap @service-nodeports");
    } else {
      o.add("add rule " + T + "services ip daddr @nodeport-ips meta l4proto . th dport vmap @service-nodeports");
      for (String ip : ctx.nodePortAddresses()) {
        if (!ip.startsWith("127.")) o.add("add element " + T + "nodeport-ips { " + ip + " }");
      }
    }
    o.add("add rule " + T + "service-endpoints-check ip daddr . meta l4proto . th dport vmap @no-endpoint-services");
    return o;
  }

  static void servicePort(ServicePortInfo svc, NftContext ctx, List<String> o) {
    String protocol = NftNames.protocol(svc.name());
    String name = svc.name().toString();
    String port = Integer.toString(svc.port());
    EndpointCategories categories = EndpointCategories.categorize(svc);
    boolean hasEndpoints = categories.hasAnyEndpoints();

    String clusterChain = NftNames.service(svc.name());
    boolean usesClusterChain = !categories.cluster().isEmpty() && svc.usesClusterEndpoints();
    String localChain = NftNames.local(svc.name());
    boolean usesLocalChain = !categories.local().isEmpty() && svc.usesLocalEndpoints();

    String internalChain = clusterChain;
    boolean hasInternal = hasEndpoints;
    if (svc.internalPolicyLocal()) {
      internalChain = localChain;
      if (categories.local().isEmpty()) hasInternal = false;
    }
    String externalPolicyChain = clusterChain;
    boolean hasExternal = hasEndpoints;
    if (svc.externalPolicyLocal()) {
      externalPolicyChain = localChain;
      if (categories.local().isEmpty()) hasExternal = false;
    }
    String externalChain = NftNames.external(svc.name());
    boolean usesExternalChain = hasEndpoints && svc.externallyAccessible();

    String internalVerdict = null;
    String externalVerdict = null;
    if (!hasEndpoints) {
      internalVerdict = "goto reject-chain";
      externalVerdict = "goto reject-chain";
    } else {
      if (!hasInternal) internalVerdict = "drop";
      if (!hasExternal) externalVerdict = "drop";
    }

    for (Endpoint ep : categories.allReachable()) o.add("add chain " + T + NftNames.endpoint(svc.name(), ep));
    if (usesClusterChain) o.add("add chain " + T + clusterChain);
    if (usesLocalChain) o.add("add chain " + T + localChain);
    if (usesExternalChain) o.add("add chain " + T + externalChain);

    String comment = " comment \"" + name + "\"";
    o.add("add element " + T + "cluster-ips { " + svc.clusterIp() + " }");
    String clusterKey = svc.clusterIp() + " . " + protocol + " . " + port;
    if (hasInternal) {
      o.add("add element " + T + "service-ips { " + clusterKey + " : goto " + internalChain + " }");
    } else {
      o.add("add element " + T + "no-endpoint-services { " + clusterKey + comment + " : " + internalVerdict + " }");
    }
    for (String ip : svc.externalIps()) {
      String key = ip + " . " + protocol + " . " + port;
      if (hasEndpoints) o.add("add element " + T + "service-ips { " + key + " : goto " + externalChain + " }");
      if (!hasExternal) o.add("add element " + T + "no-endpoint-services { " + key + comment + " : " + externalVerdict + " }");
    }
    boolean usesFirewall = !svc.loadBalancerIps().isEmpty() && !svc.loadBalancerSourceRanges().isEmpty();
    String firewallChain = NftNames.firewall(svc.name());
    if (usesFirewall) o.add("add chain " + T + firewallChain);
    for (String ip : svc.loadBalancerIps()) {
      String key = ip + " . " + protocol + " . " + port;
      if (hasEndpoints) o.add("add element " + T + "service-ips { " + key + " : goto " + externalChain + " }");
      if (usesFirewall) o.add("add element " + T + "firewall-ips { " + key + " : goto " + firewallChain + " }");
    }
    if (!hasExternal) {
      for (String ip : svc.loadBalancerIps()) {
        o.add("add element " + T + "no-endpoint-services { " + ip + " . " + protocol + " . " + port + comment + " : "
            + externalVerdict + " }");
      }
    }
    if (svc.nodePort() != 0) {
      String key = protocol + " . " + svc.nodePort();
      if (hasEndpoints) o.add("add element " + T + "service-nodeports { " + key + " : goto " + externalChain + " }");
      if (!hasExternal) o.add("add element " + T + "no-endpoint-nodeports { " + key + comment + " : " + externalVerdict + " }");
    }

    if (hasInternal) {
      if (ctx.masqueradeAll()) {
        o.add("add rule " + T + internalChain + " ip daddr " + svc.clusterIp() + " " + protocol + " dport " + port
            + " jump mark-for-masquerade");
      } else if (ctx.clusterCidr() != null) {
        // off-cluster traffic to a Service VIP is masqueraded, as in iptables mode
        o.add("add rule " + T + internalChain + " ip daddr " + svc.clusterIp() + " ip saddr != " + ctx.clusterCidr()
            + " jump mark-for-masquerade");
      }
    }
    if (usesExternalChain) {
      if (!svc.externalPolicyLocal()) {
        o.add("add rule " + T + externalChain + " jump mark-for-masquerade");
      } else {
        if (ctx.clusterCidr() != null) {
          o.add("add rule " + T + externalChain + " ip saddr " + ctx.clusterCidr() + " goto " + clusterChain
              + " comment \"short-circuit pod traffic\"");
        }
        o.add("add rule " + T + externalChain + " fib saddr type local jump mark-for-masquerade comment \"masquerade local traffic\"");
        o.add("add rule " + T + externalChain + " fib saddr type local goto " + clusterChain + " comment \"short-circuit local traffic\"");
      }
      if (hasExternal) o.add("add rule " + T + externalChain + " goto " + externalPolicyChain);
    }
    if (usesFirewall) {
      List<String> sources = new ArrayList<>(svc.loadBalancerSourceRanges());
      boolean allowFromNode = ctx.nodeIp() != null
          && svc.loadBalancerSourceRanges().stream().anyMatch(r -> Ipv4Prefix.parse(r).contains(ctx.nodeIp()));
      if (allowFromNode) sources.addAll(svc.loadBalancerIps());
      o.add("add rule " + T + firewallChain + " ip saddr != { " + String.join(" , ", sources) + " } drop");
    }
    if (svc.clientIpAffinity()) {
      for (Endpoint ep : categories.allReachable()) {
        o.add("add set " + T + NftNames.affinity(svc.name(), ep) + " { type ipv4_addr ; flags dynamic,timeout ; timeout "
            + svc.affinityTimeout().toSeconds() + "s ; }");
      }
    }
    if (usesClusterChain) serviceToEndpoints(svc, clusterChain, categories.cluster(), o);
    if (usesLocalChain) serviceToEndpoints(svc, localChain, categories.local(), o);
    for (Endpoint ep : categories.allReachable()) {
      String chain = NftNames.endpoint(svc.name(), ep);
      // hairpin: an endpoint reaching itself through the Service
      o.add("add rule " + T + chain + " ip saddr " + ep.ip() + " jump mark-for-masquerade");
      if (svc.clientIpAffinity()) o.add("add rule " + T + chain + " update @" + NftNames.affinity(svc.name(), ep) + " { ip saddr }");
      o.add("add rule " + T + chain + " meta l4proto " + protocol + " dnat to " + ep.address());
    }
  }

  private static void serviceToEndpoints(ServicePortInfo svc, String chain, List<Endpoint> endpoints, List<String> o) {
    if (svc.clientIpAffinity()) {
      for (Endpoint ep : endpoints) {
        o.add("add rule " + T + chain + " ip saddr @" + NftNames.affinity(svc.name(), ep) + " goto "
            + NftNames.endpoint(svc.name(), ep));
      }
    }
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < endpoints.size(); i++) entries.add(i + " : goto " + NftNames.endpoint(svc.name(), endpoints.get(i)));
    o.add("add rule " + T + chain + " numgen random mod " + endpoints.size() + " vmap { " + String.join(" , ", entries) + " }");
  }
}
