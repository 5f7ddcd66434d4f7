package io.svclab.proxy.userspace;

import io.svclab.net.ip.Ipv4Prefix;

/**
 * Which source address the proxier's upstream connection to an endpoint carries: the client's
 * own, or this node's. Pure. A userspace proxy cannot forward the client's packet as it is,
 * but it can bind its upstream socket to the client's address when that address is local to
 * this host (every 127/8 address is, on Linux loopback), which gives the endpoint what
 * kube-proxy's iptables mode gives it: the client IP when kube-proxy does not masquerade,
 * the node IP when it does.
 *
 * <p>Rules, in order (kube-proxy's KUBE-MARK-MASQ decisions, pkg/proxy/iptables):
 * <ol>
 *   <li>hairpin: the client is the chosen endpoint itself -> node (KUBE-SEP's {@code -s <ep>} masquerade);
 *   <li>the client address cannot be bound here (not 127/8) -> node;
 *   <li>NodePort / LoadBalancer / externalIP traffic: externalTrafficPolicy Local -> client
 *       (that is the policy's promise), Cluster -> node (KUBE-EXT masquerades everything);
 *   <li>ClusterIP traffic: from inside the cluster CIDR -> client; from outside it -> node
 *       ("masquerade off-cluster traffic to services"); no cluster CIDR configured -> client,
 *       since kube-proxy then cannot tell and does not masquerade.
 * </ol>
 */
public final class SourceAddressPolicy {
  private SourceAddressPolicy() {}

  public enum Source { CLIENT, NODE }

  private static final Ipv4Prefix LOOPBACK = Ipv4Prefix.parse("127.0.0.0/8");

  /**
   * @param clusterCidr the pod network (null when not configured)
   */
  public static Source decide(EndpointSelector.Traffic traffic, boolean externalPolicyLocal, String clientIp,
      String endpointIp, Ipv4Prefix clusterCidr) {
    if (clientIp.equals(endpointIp)) return Source.NODE;
    if (!LOOPBACK.contains(clientIp)) return Source.NODE;
    if (traffic == EndpointSelector.Traffic.EXTERNAL) return externalPolicyLocal ? Source.CLIENT : Source.NODE;
    if (clusterCidr == null) return Source.CLIENT;
    return clusterCidr.contains(clientIp) ? Source.CLIENT : Source.NODE;
  }
}
