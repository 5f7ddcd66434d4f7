package io.svclab.proxy.nftables;

import io.svclab.net.ip.Ipv4Prefix;
import java.util.List;

/**
 * What the nftables rules need to know about the node (kube-proxy's nftables NewProxier
 * arguments).
 *
 * @param nodeIp            this node's address (a source range containing it admits the LB IPs too)
 * @param clusterCidr       the pod network (local traffic detector); null when not set
 * @param serviceCidrs      the Service CIDRs, comma-separated; traffic to an unallocated ClusterIP is dropped
 * @param masqueradeAll     {@code --masquerade-all}
 * @param masqueradeMark    the fwmark mark-for-masquerade sets
 * @param nodePortAddresses this node's IPs that take NodePorts; empty means every local address but 127/8
 */
public record NftContext(String nodeIp, Ipv4Prefix clusterCidr, String serviceCidrs, boolean masqueradeAll,
    String masqueradeMark, List<String> nodePortAddresses) {
  public NftContext {
    nodePortAddresses = List.copyOf(nodePortAddresses);
  }
}
