package io.svclab.proxy.iptables;

import io.svclab.net.ip.Ipv4Prefix;
import java.util.List;

/**
 * What the iptables rules need to know about the node besides the Services: kube-proxy's
 * flags and what it detected at start-up (pkg/proxy/iptables NewProxier).
 *
 * @param nodeIp              this node's address; a loadBalancerSourceRange containing it also
 *                            admits traffic from the LB IPs themselves (KUBE-FW)
 * @param clusterCidr         {@code --cluster-cidr}, kube-proxy's "local traffic detector": traffic
 *                            to a ClusterIP from outside it is masqueraded, and pods reaching an
 *                            external IP of an {@code externalTrafficPolicy: Local} Service are
 *                            short-circuited to KUBE-SVC; null when not set (then neither rule exists)
 * @param masqueradeAll       {@code --masquerade-all}: masquerade every ClusterIP connection
 * @param masqueradeMark      the fwmark KUBE-MARK-MASQ sets ({@code 1 << --iptables-masquerade-bit})
 * @param localhostNodePorts  {@code --iptables-localhost-nodeports}: NodePorts answer on 127.0.0.0/8
 *                            (kube-proxy then sets route_localnet and adds kubelet's anti-martian rule)
 * @param nfacct              the nfacct counters {@code ct_state_invalid_dropped_pkts} and
 *                            {@code localhost_nps_accepted_pkts} exist (kube-proxy creates them over
 *                            netlink and leaves them out of the rules when it cannot)
 * @param nodePortAddresses   {@code --nodeport-addresses} resolved to this node's IPs; empty means
 *                            every local address ({@code -m addrtype --dst-type LOCAL})
 * @param conntrackTcpLiberal {@code nf_conntrack_tcp_be_liberal} is set: no DROP of INVALID packets
 * @param randomFully         iptables knows {@code MASQUERADE --random-fully} (1.6.2 and later)
 */
public record NodeContext(String nodeIp, Ipv4Prefix clusterCidr, boolean masqueradeAll, String masqueradeMark,
    boolean localhostNodePorts, boolean nfacct, List<String> nodePortAddresses, boolean conntrackTcpLiberal,
    boolean randomFully) {

  /** kube-proxy's default {@code --iptables-masquerade-bit}. */
  public static final int DEFAULT_MASQUERADE_BIT = 14;

  public NodeContext {
    nodePortAddresses = List.copyOf(nodePortAddresses);
  }

  /**
   * kube-proxy's defaults on a current kernel and iptables: mark bit 14, localhost NodePorts
   * on, NodePorts on every local address, {@code --random-fully}, and no nfacct counters
   * (svclab does not create them).
   */
  public static NodeContext defaults(String nodeIp, Ipv4Prefix clusterCidr) {
    return new NodeContext(nodeIp, clusterCidr, false, markForBit(DEFAULT_MASQUERADE_BIT), true, false, List.of(),
        false, true);
  }

  /** Go's {@code fmt.Sprintf("%#08x", 1<<bit)}, as kube-proxy formats it: {@code 0x00004000}. */
  public static String markForBit(int bit) {
    if (bit < 0 || bit > 31) throw new IllegalArgumentException("masquerade bit " + bit + " is not in 0..31");
    return String.format("0x%08x", 1L << bit);
  }
}
