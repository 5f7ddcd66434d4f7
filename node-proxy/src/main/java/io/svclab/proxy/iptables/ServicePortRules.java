package io.svclab.proxy.iptables;

import static io.svclab.proxy.iptables.RuleLines.quoted;

import io.svclab.net.ip.Ipv4Prefix;
import io.svclab.proxy.snapshot.Endpoint;
import io.svclab.proxy.snapshot.EndpointCategories;
import io.svclab.proxy.snapshot.ServicePortInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rules of one Service port, in the order kube-proxy v1.32's syncProxyRules writes them
 * (pkg/proxy/iptables/proxier.go, the body of its loop over svcPortMap). Pure.
 *
 * <p>Where traffic goes:
 * <ul>
 *   <li>ClusterIP ({@code KUBE-SERVICES "ns/svc:port cluster IP"}) -> KUBE-SVC (policy Cluster)
 *       or KUBE-SVL (internalTrafficPolicy Local); in KUBE-SVC/SVL a first rule marks traffic
 *       from outside the cluster CIDR for masquerade.
 *   <li>external IPs, LB IPs and the NodePort -> KUBE-EXT (LB IPs through KUBE-FW when
 *       loadBalancerSourceRanges are set), which masquerades (policy Cluster) or, for
 *       externalTrafficPolicy Local, sends pod and node-local traffic to KUBE-SVC and the rest
 *       to KUBE-SVL.
 *   <li>KUBE-SVC/SVL pick an endpoint with {@code -m statistic --mode random --probability 1/n},
 *       1/(n-1), ..., the last rule unconditional; ClientIP affinity first checks
 *       {@code -m recent --rcheck} per endpoint. KUBE-SEP masquerades hairpin traffic (the
 *       endpoint reaching itself) and DNATs.
 *   <li>No usable endpoint anywhere: no nat rules, REJECT in the filter table. Endpoints, but
 *       none on this node for a Local policy: DROP in the filter table (external traffic
 *       from pods and the node itself is still short-circuited in KUBE-EXT).
 * </ul>
 */
final class ServicePortRules {
  private ServicePortRules() {}

  /** The buffers of one sync, as kube-proxy keeps them. */
  record Tables(RuleLines filterRules, RuleLines natChains, RuleLines natRules, Set<String> activeNatChains) {}

  /**
   * @param writeServiceChains false in a partial sync for a Service that did not change: its
   *                           KUBE-SERVICES / KUBE-NODEPORTS / filter rules are still written
   *                           (those chains are rewritten whole), its own chains are left as they are
   */
  static void write(ServicePortInfo svc, NodeContext ctx, boolean largeClusterMode, Tables tables,
      boolean writeServiceChains) {
    String protocol = ChainNames.protocol(svc.name());
    String name = svc.name().toString();
    String port = Integer.toString(svc.port());

    EndpointCategories categories = EndpointCategories.categorize(svc);
    boolean hasEndpoints = categories.hasAnyEndpoints();

    String clusterPolicyChain = ChainNames.clusterPolicy(svc.name());
    boolean usesClusterPolicyChain = !categories.cluster().isEmpty() && svc.usesClusterEndpoints();
    String localPolicyChain = ChainNames.localPolicy(svc.name());
    boolean usesLocalPolicyChain = !categories.local().isEmpty() && svc.usesLocalEndpoints();

    String internalTrafficChain = clusterPolicyChain;
    boolean hasInternalEndpoints = hasEndpoints;
    if (svc.internalPolicyLocal()) {
      internalTrafficChain = localPolicyChain;
      if (categories.local().isEmpty()) hasInternalEndpoints = false;
    }

    String externalPolicyChain = clusterPolicyChain;
    boolean hasExternalEndpoints = hasEndpoints;
    if (svc.externalPolicyLocal()) {
      externalPolicyChain = localPolicyChain;
      if (categories.local().isEmpty()) hasExternalEndpoints = false;
    }
    String externalTrafficChain = ChainNames.external(svc.name());
    // Based on hasEndpoints, not hasExternalEndpoints: the short-circuit rules for pod and node
    // traffic are needed even when no endpoint takes external traffic.
    boolean usesExternalTrafficChain = hasEndpoints && svc.externallyAccessible();

    String loadBalancerTrafficChain = externalTrafficChain;
    String firewallChain = ChainNames.firewall(svc.name());
    boolean usesFirewallChain = hasEndpoints && !svc.loadBalancerIps().isEmpty()
        && !svc.loadBalancerSourceRanges().isEmpty();
    if (usesFirewallChain) loadBalancerTrafficChain = firewallChain;

    String internalFilterTarget = null;
    String internalFilterComment = null;
    String externalFilterTarget = null;
    String externalFilterComment = null;
    if (!hasEndpoints) {
      internalFilterTarget = "REJECT";
      internalFilterComment = quoted(name + " has no endpoints");
      externalFilterTarget = "REJECT";
      externalFilterComment = internalFilterComment;
    } else {
      if (!hasInternalEndpoints) {
        internalFilterTarget = "DROP";
        internalFilterComment = quoted(name + " has no local endpoints");
      }
      if (!hasExternalEndpoints) {
        externalFilterTarget = "DROP";
        externalFilterComment = quoted(name + " has no local endpoints");
      }
    }

    RuleLines filterRules = tables.filterRules();
    RuleLines natRules = tables.natRules();

    // Capture the ClusterIP.
    if (hasInternalEndpoints) {
      natRules.write("-A", ChainNames.SERVICES, "-m", "comment", "--comment", quoted(name + " cluster IP"),
          "-m", protocol, "-p", protocol, "-d", svc.clusterIp(), "--dport", port, "-j", internalTrafficChain);
    } else {
      filterRules.write("-A", ChainNames.SERVICES, "-m", "comment", "--comment", internalFilterComment,
          "-m", protocol, "-p", protocol, "-d", svc.clusterIp(), "--dport", port, "-j", internalFilterTarget);
    }

    // Capture external IPs.
    for (String externalIp : svc.externalIps()) {
      if (hasEndpoints) {
        natRules.write("-A", ChainNames.SERVICES, "-m", "comment", "--comment", quoted(name + " external IP"),
            "-m", protocol, "-p", protocol, "-d", externalIp, "--dport", port, "-j", externalTrafficChain);
      }
      if (!hasExternalEndpoints) {
        filterRules.write("-A", ChainNames.EXTERNAL_SERVICES, "-m", "comment", "--comment", externalFilterComment,
            "-m", protocol, "-p", protocol, "-d", externalIp, "--dport", port, "-j", externalFilterTarget);
      }
    }

    // Capture load-balancer ingress IPs.
    for (String lbIp : svc.loadBalancerIps()) {
      if (hasEndpoints) {
        natRules.write("-A", ChainNames.SERVICES, "-m", "comment", "--comment", quoted(name + " loadbalancer IP"),
            "-m", protocol, "-p", protocol, "-d", lbIp, "--dport", port, "-j", loadBalancerTrafficChain);
      }
      if (usesFirewallChain) {
        filterRules.write("-A", ChainNames.PROXY_FIREWALL, "-m", "comment", "--comment",
            quoted(name + " traffic not accepted by " + firewallChain),
            "-m", protocol, "-p", protocol, "-d", lbIp, "--dport", port, "-j", "DROP");
      }
    }
    if (!hasExternalEndpoints) {
      for (String lbIp : svc.loadBalancerIps()) {
        filterRules.write("-A", ChainNames.EXTERNAL_SERVICES, "-m", "comment", "--comment", externalFilterComment,
            "-m", protocol, "-p", protocol, "-d", lbIp, "--dport", port, "-j", externalFilterTarget);
      }
    }

    // Capture the NodePort.
    if (svc.nodePort() != 0) {
      String nodePort = Integer.toString(svc.nodePort());
      if (hasEndpoints) {
        if (ctx.localhostNodePorts() && ctx.nfacct()) {
          // counts NodePort connections to localhost (kube-proxy's localhost_nps_accepted_pkts metric)
          natRules.write("-A", ChainNames.NODE_PORTS, "-m", "comment", "--comment", name,
              "-m", protocol, "-p", protocol, "-d", "127.0.0.0/8", "--dport", nodePort,
              "-m", "nfacct", "--nfacct-name", "localhost_nps_accepted_pkts", "-j", externalTrafficChain);
        }
        natRules.write("-A", ChainNames.NODE_PORTS, "-m", "comment", "--comment", name,
            "-m", protocol, "-p", protocol, "--dport", nodePort, "-j", externalTrafficChain);
      }
      if (!hasExternalEndpoints) {
        filterRules.write("-A", ChainNames.EXTERNAL_SERVICES, "-m", "comment", "--comment", externalFilterComment,
            "-m", "addrtype", "--dst-type", "LOCAL", "-m", protocol, "-p", protocol, "--dport", nodePort,
            "-j", externalFilterTarget);
      }
    }

    // Accept the health check NodePort whether or not this node has local endpoints.
    if (svc.healthCheckNodePort() != 0) {
      filterRules.write("-A", ChainNames.NODE_PORTS, "-m", "comment", "--comment",
          quoted(name + " health check node port"), "-m", "tcp", "-p", "tcp",
          "--dport", Integer.toString(svc.healthCheckNodePort()), "-j", "ACCEPT");
    }

    // The Service's own chains: skipped (computed, not written) when a partial sync leaves them alone.
    RuleLines natChains = writeServiceChains ? tables.natChains() : RuleLines.discarding();
    if (!writeServiceChains) natRules = RuleLines.discarding();
    Set<String> active = tables.activeNatChains();

    if (hasInternalEndpoints) {
      List<String> match = List.of("-m", "comment", "--comment", quoted(name + " cluster IP"),
          "-m", protocol, "-p", protocol, "-d", svc.clusterIp(), "--dport", port);
      if (ctx.masqueradeAll()) {
        natRules.write(concat(List.of("-A", internalTrafficChain), match, List.of("-j", ChainNames.MARK_MASQ)));
      } else if (ctx.clusterCidr() != null) {
        // Masquerade off-cluster traffic to a Service VIP: a static route to any node for the
        // Service range works, and the reply must come back through this node.
        natRules.write(concat(List.of("-A", internalTrafficChain), match,
            List.of("!", "-s", ctx.clusterCidr().toString(), "-j", ChainNames.MARK_MASQ)));
      }
    }

    if (usesExternalTrafficChain) {
      natChains.chain(externalTrafficChain);
      active.add(externalTrafficChain);
      if (!svc.externalPolicyLocal()) {
        // Endpoints may be on other nodes: masquerade so replies come back through this one.
        natRules.write("-A", externalTrafficChain, "-m", "comment", "--comment",
            quoted("masquerade traffic for " + name + " external destinations"), "-j", ChainNames.MARK_MASQ);
      } else {
        if (ctx.clusterCidr() != null) {
          // A pod reaching an external address of the Service is treated as if it went out to
          // the load balancer and came back: neither traffic policy applies.
          natRules.write("-A", externalTrafficChain, "-m", "comment", "--comment",
              quoted("pod traffic for " + name + " external destinations"),
              "-s", ctx.clusterCidr().toString(), "-j", clusterPolicyChain);
        }
        // The node itself: its source would be the LB IP, a local address, so masquerade.
        natRules.write("-A", externalTrafficChain, "-m", "comment", "--comment",
            quoted("masquerade LOCAL traffic for " + name + " external destinations"),
            "-m", "addrtype", "--src-type", "LOCAL", "-j", ChainNames.MARK_MASQ);
        natRules.write("-A", externalTrafficChain, "-m", "comment", "--comment",
            quoted("route LOCAL traffic for " + name + " external destinations"),
            "-m", "addrtype", "--src-type", "LOCAL", "-j", clusterPolicyChain);
      }
      if (hasExternalEndpoints) {
        natRules.write("-A", externalTrafficChain, "-j", externalPolicyChain);
      }
    }

    if (usesFirewallChain) {
      natChains.chain(firewallChain);
      active.add(firewallChain);
      List<String> head = List.of("-A", firewallChain, "-m", "comment", "--comment", quoted(name + " loadbalancer IP"));
      boolean allowFromNode = false;
      for (String range : svc.loadBalancerSourceRanges()) {
        natRules.write(concat(head, List.of("-s", range, "-j", externalTrafficChain)));
        if (ctx.nodeIp() != null && Ipv4Prefix.parse(range).contains(ctx.nodeIp())) allowFromNode = true;
      }
      // A VIP-like LB IP is often a local address: traffic from the node to it loops back with
      // the LB IP as source, and must pass too.
      if (allowFromNode) {
        for (String lbIp : svc.loadBalancerIps()) {
          natRules.write(concat(head, List.of("-s", lbIp, "-j", externalTrafficChain)));
        }
      }
      // What reaches the end was not DNATed; KUBE-PROXY-FIREWALL in the filter table drops it.
      natRules.write("-A", firewallChain, "-m", "comment", "--comment",
          quoted("other traffic to " + name + " will be dropped by KUBE-PROXY-FIREWALL"));
    }

    if (usesClusterPolicyChain) {
      natChains.chain(clusterPolicyChain);
      active.add(clusterPolicyChain);
      writeServiceToEndpointRules(natRules, name, svc, clusterPolicyChain, categories.cluster(), largeClusterMode);
    }
    if (usesLocalPolicyChain) {
      natChains.chain(localPolicyChain);
      active.add(localPolicyChain);
      writeServiceToEndpointRules(natRules, name, svc, localPolicyChain, categories.local(), largeClusterMode);
    }

    for (Endpoint ep : categories.allReachable()) {
      String endpointChain = ChainNames.endpoint(svc.name(), ep);
      natChains.chain(endpointChain);
      active.add(endpointChain);
      List<String> head = serviceComment(List.of("-A", endpointChain), name, largeClusterMode);
      // Hairpin: the endpoint reaching itself through the Service gets the node's address.
      natRules.write(concat(head, List.of("-s", ep.ip(), "-j", ChainNames.MARK_MASQ)));
      List<String> dnat = new ArrayList<>(head);
      if (svc.clientIpAffinity()) dnat.addAll(List.of("-m", "recent", "--name", endpointChain, "--set"));
      dnat.addAll(List.of("-m", protocol, "-p", protocol, "-j", "DNAT", "--to-destination", ep.address()));
      natRules.write(dnat);
    }
  }

  private static void writeServiceToEndpointRules(RuleLines natRules, String name, ServicePortInfo svc,
      String serviceChain, List<Endpoint> endpoints, boolean largeClusterMode) {
    if (svc.clientIpAffinity()) {
      String seconds = Long.toString(svc.affinityTimeout().toSeconds());
      for (Endpoint ep : endpoints) {
        String endpointChain = ChainNames.endpoint(svc.name(), ep);
        natRules.write(concat(serviceComment(List.of("-A", serviceChain), quoted(name + " -> " + ep.address()),
                largeClusterMode),
            List.of("-m", "recent", "--name", endpointChain, "--rcheck", "--seconds", seconds, "--reap",
                "-j", endpointChain)));
      }
    }
    int n = endpoints.size();
    for (int i = 0; i < n; i++) {
      Endpoint ep = endpoints.get(i);
      List<String> rule = new ArrayList<>(serviceComment(List.of("-A", serviceChain),
          quoted(name + " -> " + ep.address()), largeClusterMode));
      if (i < n - 1) {
        rule.addAll(List.of("-m", "statistic", "--mode", "random", "--probability", Probability.of(n - i)));
      }
      rule.addAll(List.of("-j", ChainNames.endpoint(svc.name(), ep)));
      natRules.write(rule);
    }
  }

  /**
   * kube-proxy's appendServiceCommentLocked: above 1000 endpoints ("large cluster mode") the
   * per-endpoint comments are left out, which shrinks the restore input by 40% and more.
   */
  private static List<String> serviceComment(List<String> head, String comment, boolean largeClusterMode) {
    if (largeClusterMode) return head;
    return concat(head, List.of("-m", "comment", "--comment", comment));
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> p : parts) out.addAll(p);
    return out;
  }
}
