package io.svclab.cli.topology;

import io.svclab.cli.netns.LabNetwork;
import io.svclab.net.ip.Ipv4Prefix;
import java.util.List;

/**
 * The addresses one lab flavour gives its processes (ARCHITECTURE.md, Addresses): the local lab on
 * 127.0.0.0/8, or the container lab on a compose network. The component list is the same;
 * only these differ.
 *
 * @param apiBind where the apiserver listens
 * @param apiAdvertise the apiserver's address in {@code default/kubernetes}'s Endpoints
 * @param apiTarget how every other process reaches the apiserver
 * @param adminBind where control-plane admin endpoints listen
 * @param healthHost how a health check on the same machine reaches those admin endpoints
 * @param serviceCidr ClusterIPs
 * @param lbPool LoadBalancer IPs
 * @param dnsListen the DNS server's UDP+TCP address
 * @param dnsEndpoint the address the DNS server registers as kube-dns's endpoint
 * @param nodeIpFormat node N's address, {@code %d} replaced by N
 * @param podCidrFormat node N's pod CIDR, {@code %d} replaced by N
 * @param clusterCidr every node's pod CIDR together (node-proxy's {@code --cluster-cidr})
 * @param unixSocket whether the apiserver also serves on {@code <data>/apiserver.sock}
 */
public record LabAddresses(String apiBind, String apiAdvertise, String apiTarget, String adminBind, String healthHost, String serviceCidr,
    String lbPool, String dnsListen, String dnsEndpoint, String nodeIpFormat, String podCidrFormat, String clusterCidr,
    boolean unixSocket) {

  /** {@code ./lab up}: everything on loopback, no root, no Docker. */
  public static LabAddresses local() {
    return new LabAddresses(LabTopology.API_HOST, LabTopology.API_HOST, LabTopology.API_HOST + ":" + LabTopology.API_PORT, LabTopology.API_HOST,
        LabTopology.API_HOST, LabTopology.SERVICE_CIDR, LabTopology.LB_POOL, LabTopology.DNS_HOST + ":" + LabTopology.DNS_PORT,
        LabTopology.DNS_HOST, "127.0.10.%d", "127.244.%d.0/24", LabTopology.CLUSTER_CIDR, true);
  }

  /**
   * {@code ./lab up --netns}: the control plane on loopback as in {@link #local()}, Services, pods and
   * LoadBalancer IPs in Kubernetes' usual ranges, which exist only inside the lab's namespaces (nodes,
   * pod CIDRs and the pool come from {@code netns.LabNetwork}).
   */
  public static LabAddresses kernel() {
    LabAddresses l = local();
    return new LabAddresses(l.apiBind(), l.apiAdvertise(), l.apiTarget(), l.adminBind(), l.healthHost(), LabNetwork.SERVICE_CIDR, LabNetwork.LB_POOL,
        l.dnsListen(), l.dnsEndpoint(), l.nodeIpFormat(), "10.244.%d.0/24", LabNetwork.CLUSTER_CIDR, true);
  }

  /** docker-compose.yml: one container per component on the {@code lab} network (see {@link ComposeRenderer}). */
  public static LabAddresses container() {
    return new LabAddresses("0.0.0.0", ComposeRenderer.API_SERVER_IP, "apiserver:" + LabTopology.API_PORT, "0.0.0.0", "127.0.0.1",
        "10.96.0.0/16", ComposeRenderer.LB_POOL, "0.0.0.0:" + LabTopology.DNS_PORT, ComposeRenderer.DNS_SERVER_IP,
        ComposeRenderer.NODE_IP_FORMAT, "10.244.%d.0/24", "10.244.0.0/16", false);
  }

  /**
   * The pod network of the lab whose nodes have these pod CIDRs ({@code Node.spec.podCIDR}): the
   * kernel lab's when every one lies in it, else the loopback lab's. {@code ./lab trace} asks the
   * running cluster rather than a flag, so what it says of masquerading names the lab's own range.
   */
  public static String clusterCidrOf(List<String> nodePodCidrs) {
    Ipv4Prefix kernel = Ipv4Prefix.parse(kernel().clusterCidr());
    boolean inKernel = !nodePodCidrs.isEmpty() && nodePodCidrs.stream()
        .allMatch(c -> c.contains("/") && kernel.contains(c.substring(0, c.indexOf('/'))));
    return inKernel ? kernel().clusterCidr() : local().clusterCidr();
  }

  public String nodeIp(int n) {
    return String.format(nodeIpFormat, n);
  }

  public String podCidr(int n) {
    return String.format(podCidrFormat, n);
  }
}
