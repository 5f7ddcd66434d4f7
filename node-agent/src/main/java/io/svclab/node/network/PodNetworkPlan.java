package io.svclab.node.network;

import io.svclab.net.netns.NetnsStep;
import io.svclab.net.netns.NetnsStep.AddAddress;
import io.svclab.net.netns.NetnsStep.AddNamespace;
import io.svclab.net.netns.NetnsStep.AddVethPair;
import io.svclab.net.netns.NetnsStep.DeleteNamespace;
import io.svclab.net.netns.NetnsStep.Hairpin;
import io.svclab.net.netns.NetnsStep.LinkUp;
import io.svclab.net.netns.NetnsStep.RouteVia;
import io.svclab.net.netns.NetnsStep.SetMaster;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A pod's network namespace wired as the CNI bridge plugin wires it (pure): a veth pair whose node
 * end ({@code vethXXXXXXXX}) is a port of the node's bridge with hairpin on, whose pod end is the
 * pod's {@code eth0} with the pod IP, and a default route via the bridge's address. The steps run
 * in the node's namespace (node-agent's own).
 */
public final class PodNetworkPlan {
  /** The pod's side of its link, as in every Kubernetes pod. */
  public static final String POD_INTERFACE = "eth0";

  private PodNetworkPlan() {}

  /** {@code svclab-pod-1-10-244-1-5}: the node's prefix and the pod IP, so it is unique while the IP is leased. */
  public static String namespace(String prefix, String podIp) {
    return prefix + "-" + podIp.replace('.', '-');
  }

  /** The node end's name: {@code veth} and 8 hex digits, as the bridge plugin names it (here derived, not random). */
  public static String hostVeth(String namespace) {
    CRC32 crc = new CRC32();
    crc.update(namespace.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return String.format("veth%08x", crc.getValue());
  }

  /**
   * @param podCidrLength the node's podCIDR prefix length (24)
   * @param gateway the bridge's address on the node
   */
  public static List<NetnsStep> attach(String namespace, String bridge, String podIp, int podCidrLength, String gateway) {
    String veth = hostVeth(namespace);
    return List.of(
        new AddNamespace(namespace),
        new LinkUp(namespace, "lo"),
        new AddVethPair(null, veth, namespace, POD_INTERFACE),
        new SetMaster(null, veth, bridge),
        new Hairpin(null, veth),
        new LinkUp(null, veth),
        new AddAddress(namespace, POD_INTERFACE, podIp + "/" + podCidrLength),
        new LinkUp(namespace, POD_INTERFACE),
        new RouteVia(namespace, "default", gateway));
  }

  /** Deleting the namespace deletes the pod's eth0 and with it the node's end of the pair. */
  public static List<NetnsStep> detach(String namespace) {
    return List.of(new DeleteNamespace(namespace));
  }
}
