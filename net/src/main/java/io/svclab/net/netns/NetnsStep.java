package io.svclab.net.netns;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of building (or removing) a lab's network out of namespaces, veth pairs and bridges,
 * rendered as the iproute2 command that carries it out. {@code ns} is the namespace the step acts
 * in ({@code ip -n NS ...}); null means the namespace of the process that runs it (node-agent's
 * steps for its pods run in the node's namespace). Plans are lists of these, built by pure
 * functions (cli's {@code netns.LabNetworkPlan}, node-agent's {@code network.PodNetworkPlan}).
 */
public sealed interface NetnsStep {
  /** The command line, e.g. {@code [ip, -n, svclab-node-1, link, set, cni0, up]}. */
  List<String> argv();

  /** {@code ip netns add NAME}: a named namespace, mounted under /run/netns. */
  record AddNamespace(String name) implements NetnsStep {
    public List<String> argv() { return List.of("ip", "netns", "add", name); }
  }

  /** {@code ip netns del NAME}: its interfaces (and the far ends of its veth pairs) and rules go with it. */
  record DeleteNamespace(String name) implements NetnsStep {
    public List<String> argv() { return List.of("ip", "netns", "del", name); }
  }

  record AddBridge(String ns, String name) implements NetnsStep {
    public List<String> argv() { return ip(ns, "link", "add", name, "type", "bridge"); }
  }

  /** A veth pair created with both ends in place at once: nothing passes through another namespace. */
  record AddVethPair(String ns, String name, String peerNs, String peerName) implements NetnsStep {
    public List<String> argv() {
      return ip(ns, "link", "add", name, "type", "veth", "peer", "name", peerName, "netns", peerNs);
    }
  }

  record SetMaster(String ns, String dev, String bridge) implements NetnsStep {
    public List<String> argv() { return ip(ns, "link", "set", dev, "master", bridge); }
  }

  /** Hairpin on a bridge port: a pod reaching its own Service may land on itself (the CNI bridge plugin's hairpinMode). */
  record Hairpin(String ns, String dev) implements NetnsStep {
    public List<String> argv() { return ip(ns, "link", "set", dev, "type", "bridge_slave", "hairpin", "on"); }
  }

  record LinkUp(String ns, String dev) implements NetnsStep {
    public List<String> argv() { return ip(ns, "link", "set", dev, "up"); }
  }

  /** {@code cidr} is the address with its prefix length, e.g. {@code 10.244.1.1/24}. */
  record AddAddress(String ns, String dev, String cidr) implements NetnsStep {
    public List<String> argv() { return ip(ns, "addr", "add", cidr, "dev", dev); }
  }

  /** A route to {@code destination} ({@code default} or a CIDR) via a gateway. */
  record RouteVia(String ns, String destination, String gateway) implements NetnsStep {
    public List<String> argv() { return ip(ns, "route", "add", destination, "via", gateway); }
  }

  /** A route to {@code destination} out of a device, with no gateway (on-link). */
  record RouteDev(String ns, String destination, String dev) implements NetnsStep {
    public List<String> argv() { return ip(ns, "route", "add", destination, "dev", dev); }
  }

  /**
   * Every address of {@code destination} local to the namespace (a route in table {@code local},
   * as {@code ip route add local}): a listener may bind any of them and forwarded packets to them
   * are delivered here, with no address on any device.
   */
  record RouteLocal(String ns, String destination) implements NetnsStep {
    public List<String> argv() { return ip(ns, "route", "add", "local", destination, "dev", "lo"); }
  }

  /** A sysctl of the namespace ({@code net.*} keys are per namespace). */
  record Sysctl(String ns, String key, String value) implements NetnsStep {
    public List<String> argv() { return List.of("ip", "netns", "exec", ns, "sysctl", "-qw", key + "=" + value); }
  }

  private static List<String> ip(String ns, String... rest) {
    List<String> argv = new ArrayList<>(List.of("ip"));
    if (ns != null) {
      argv.add("-n");
      argv.add(ns);
    }
    argv.addAll(List.of(rest));
    return List.copyOf(argv);
  }
}
