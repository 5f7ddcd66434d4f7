package io.svclab.cli.netns;

/**
 * The names and addresses of a {@code ./lab up --netns} lab (ARCHITECTURE.md, Addresses: the
 * kernel column). Every name starts with {@code prefix} ({@value #DEFAULT_PREFIX}), which is how a
 * dead lab's namespaces are found again; the ranges exist only inside the lab's namespaces.
 *
 * <p>Nodes are {@code 172.18.0.(N+1)} on the fabric bridge, as kind numbers its nodes; node N's pods
 * are {@code 10.244.N.0/24} with the gateway {@code 10.244.N.1} on the node's {@code cni0}. The
 * fabric itself is {@code 172.18.0.1} (kind's gateway address): the cloud's side, where cloud-lb
 * runs; LoadBalancer IPs come from {@value #LB_POOL} on the node network, as MetalLB's pool on a
 * kind network does.
 */
public record LabNetwork(String prefix, int nodes) {
  public static final String DEFAULT_PREFIX = "svclab";
  public static final String SERVICE_CIDR = "10.96.0.0/16";
  public static final String CLUSTER_CIDR = "10.244.0.0/16";
  /** cloud-lb's pool in the kernel lab: on the fabric's /24, above every node address (198 nodes at most). */
  public static final String LB_POOL = "172.18.0.224/27";
  public static final String FABRIC_BRIDGE = "br0";
  public static final String POD_BRIDGE = "cni0";
  /** The node's end of its link to the fabric (a kind node's {@code eth0}). */
  public static final String NODE_UPLINK = "eth0";
  static final int FABRIC_PREFIX_LENGTH = 24;

  public LabNetwork {
    if (nodes < 1 || nodes > 198) {
      throw new IllegalArgumentException("a --netns lab has 1 to 198 nodes, not " + nodes);
    }
  }

  public String fabric() { return prefix + "-fabric"; }

  /** Node N's namespace, e.g. {@code svclab-node-1}. */
  public String node(int n) { return prefix + "-node-" + n; }

  /** What node N's pod namespaces are named after ({@code svclab-pod-1-10-244-1-5}, node-agent's {@code --pod-netns-prefix}). */
  public String podPrefix(int n) { return prefix + "-pod-" + n; }

  /** The fabric's end of node N's link. */
  public String fabricPort(int n) { return "node-" + n; }

  public String nodeIp(int n) { return "172.18.0." + (n + 1); }

  /** The fabric's own address on its bridge (cloud-lb's source address toward the nodes). */
  public String fabricIp() { return "172.18.0.1"; }

  public String podCidr(int n) { return "10.244." + n + ".0/24"; }

  public String podGateway(int n) { return "10.244." + n + ".1"; }

  /** Whether a namespace name is one of this lab's (fabric, node or pod). */
  public boolean owns(String namespace) {
    return namespace.equals(fabric()) || namespace.startsWith(prefix + "-node-") || namespace.startsWith(prefix + "-pod-");
  }
}
