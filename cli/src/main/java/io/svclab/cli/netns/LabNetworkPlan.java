package io.svclab.cli.netns;

import io.svclab.net.netns.NetnsStep;
import io.svclab.net.netns.NetnsStep.AddAddress;
import io.svclab.net.netns.NetnsStep.AddBridge;
import io.svclab.net.netns.NetnsStep.AddNamespace;
import io.svclab.net.netns.NetnsStep.AddVethPair;
import io.svclab.net.netns.NetnsStep.DeleteNamespace;
import io.svclab.net.netns.NetnsStep.LinkUp;
import io.svclab.net.netns.NetnsStep.RouteDev;
import io.svclab.net.netns.NetnsStep.RouteLocal;
import io.svclab.net.netns.NetnsStep.RouteVia;
import io.svclab.net.netns.NetnsStep.SetMaster;
import io.svclab.net.netns.NetnsStep.Sysctl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What {@code ./lab up --netns} builds and what {@code down} removes, as steps (pure). Nothing is
 * added to the namespace the lab runs in: every veth pair is created with both ends already in
 * the lab's namespaces, and the fabric bridge lives in a namespace of its own with no route out.
 */
public final class LabNetworkPlan {
  private LabNetworkPlan() {}

  public static List<NetnsStep> up(LabNetwork net) {
    return up(net, "iptables");
  }

  /**
   * With {@code --proxy-mode userspace} node-proxy's listeners take the Services' traffic in the
   * node itself, as kube-proxy's userspace mode did with its REDIRECT rules: the Service CIDR and the
   * LoadBalancer pool are local to each node (routes in table {@code local}), so a pod's packets to a
   * ClusterIP or LB IP, forwarded to its node, are delivered to the listener there.
   */
  public static List<NetnsStep> up(LabNetwork net, String proxyMode) {
    List<NetnsStep> steps = new ArrayList<>();
    String fabric = net.fabric();
    steps.add(new AddNamespace(fabric));
    steps.add(new LinkUp(fabric, "lo"));
    steps.add(new AddBridge(fabric, LabNetwork.FABRIC_BRIDGE));
    steps.add(new LinkUp(fabric, LabNetwork.FABRIC_BRIDGE));
    // the cloud's side: cloud-lb runs here, reaching nodes and (for allocateLoadBalancerNodePorts
    // false) pods. The LoadBalancer pool is local to the fabric (table local, as an anycast range):
    // cloud-lb's listeners bind its IPs, the fabric's own traffic to them is delivered to those
    // listeners, and the fabric answers ARP for them on br0, as a cloud's balancer owns its VIPs
    // (in-cluster traffic to them never gets here: kube-proxy's rules on the nodes DNAT it, ipMode VIP)
    steps.add(new AddAddress(fabric, LabNetwork.FABRIC_BRIDGE, net.fabricIp() + "/" + LabNetwork.FABRIC_PREFIX_LENGTH));
    steps.add(new RouteLocal(fabric, LabNetwork.LB_POOL));
    for (int n = 1; n <= net.nodes(); n++) {
      String node = net.node(n);
      steps.add(new AddNamespace(node));
      steps.add(new LinkUp(node, "lo"));
      steps.add(new AddVethPair(node, LabNetwork.NODE_UPLINK, fabric, net.fabricPort(n)));
      steps.add(new SetMaster(fabric, net.fabricPort(n), LabNetwork.FABRIC_BRIDGE));
      steps.add(new LinkUp(fabric, net.fabricPort(n)));
      steps.add(new AddAddress(node, LabNetwork.NODE_UPLINK, net.nodeIp(n) + "/" + LabNetwork.FABRIC_PREFIX_LENGTH));
      steps.add(new LinkUp(node, LabNetwork.NODE_UPLINK));
      steps.add(new AddBridge(node, LabNetwork.POD_BRIDGE));
      steps.add(new AddAddress(node, LabNetwork.POD_BRIDGE, net.podGateway(n) + "/24"));
      steps.add(new LinkUp(node, LabNetwork.POD_BRIDGE));
      // the node routes between its pods, the fabric and the other nodes' pods
      steps.add(new Sysctl(node, "net.ipv4.ip_forward", "1"));
      // locally sent ClusterIP traffic needs a route before kube-proxy's OUTPUT rules rewrite it
      steps.add(new RouteDev(node, LabNetwork.SERVICE_CIDR, LabNetwork.NODE_UPLINK));
      if (proxyMode.equals("userspace")) {
        steps.add(new RouteLocal(node, LabNetwork.SERVICE_CIDR));
        steps.add(new RouteLocal(node, LabNetwork.LB_POOL));
        // ... but only for the node itself: on the fabric the LB IPs stay the fabric's (cloud-lb's),
        // so the node answers ARP only for the addresses its eth0 carries
        steps.add(new Sysctl(node, "net.ipv4.conf." + LabNetwork.NODE_UPLINK + ".arp_ignore", "1"));
      }
      for (int m = 1; m <= net.nodes(); m++) {
        if (m != n) {
          steps.add(new RouteVia(node, net.podCidr(m), net.nodeIp(m)));
        }
      }
    }
    for (int n = 1; n <= net.nodes(); n++) {
      steps.add(new RouteVia(fabric, net.podCidr(n), net.nodeIp(n)));
    }
    return List.copyOf(steps);
  }

  /**
   * Removes the lab's namespaces among {@code existing} ({@code ip netns list}): pods first, then
   * nodes, then the fabric. Deleting a namespace deletes its links, the far ends of its veth pairs
   * and its netfilter rules, so this is the whole cleanup.
   */
  public static List<NetnsStep> down(LabNetwork net, List<String> existing) {
    return existing.stream().filter(net::owns).distinct()
        .sorted(Comparator.comparingInt((String ns) -> rank(net, ns)).thenComparing(Comparator.naturalOrder()))
        .map(ns -> (NetnsStep) new DeleteNamespace(ns)).toList();
  }

  private static int rank(LabNetwork net, String ns) {
    if (ns.equals(net.fabric())) return 2;
    return ns.startsWith(net.prefix() + "-node-") ? 1 : 0;
  }
}
