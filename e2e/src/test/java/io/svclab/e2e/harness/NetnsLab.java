package io.svclab.e2e.harness;

import io.svclab.api.v1.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the {@code ./lab up --netns} tests look at from outside: the lab's namespaces, a pod's
 * namespace, kube-proxy's rules in a node's netfilter (either mode), and which pods' access logs
 * hold a marker (seed 000's nginx logs each request's User-Agent, so a marked curl says who served it).
 */
public final class NetnsLab {
  private NetnsLab() {}

  public static Shell.Result sh(String commandLine) throws Exception {
    return Shell.run(commandLine, 60);
  }

  /** The lab's namespaces now (fabric, nodes, pods); others' (the test's own, other labs') are not listed. */
  public static Set<String> labNamespaces() throws Exception {
    return sh("ip netns list").stdout().lines().map(l -> l.split("\\s+")[0])
        .filter(n -> n.equals("svclab-fabric") || n.startsWith("svclab-node-") || n.startsWith("svclab-pod-"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /** A client outside the cluster: a namespace of the test's own with one link into the fabric's bridge. */
  public static final String FABRIC_CLIENT = "svclab-e2e-client";
  /** Its address on the node network, between the nodes' (172.18.0.2-199) and the LB pool (.224/27). */
  public static final String FABRIC_CLIENT_IP = "172.18.0.200";

  /**
   * Puts {@value #FABRIC_CLIENT} on the running lab's fabric bridge at {@value #FABRIC_CLIENT_IP}, as
   * a machine on a kind network (one a dead run left is replaced). Deleting the fabric (the lab's
   * down) deletes its link; {@link #removeFabricClient} deletes the namespace.
   */
  public static void addFabricClient() throws Exception {
    removeFabricClient();
    for (String c : List.of(
        "ip netns add " + FABRIC_CLIENT,
        "ip -n " + FABRIC_CLIENT + " link set lo up",
        "ip -n " + FABRIC_CLIENT + " link add eth0 type veth peer name e2e-client netns svclab-fabric",
        "ip -n svclab-fabric link set e2e-client master br0",
        "ip -n svclab-fabric link set e2e-client up",
        "ip -n " + FABRIC_CLIENT + " addr add " + FABRIC_CLIENT_IP + "/24 dev eth0",
        "ip -n " + FABRIC_CLIENT + " link set eth0 up")) {
      Shell.Result r = sh(c);
      if (r.exitCode() != 0) throw new AssertionError(c + ": " + r.stderr());
    }
  }

  public static void removeFabricClient() throws Exception {
    if (sh("ip netns list").stdout().lines().anyMatch(l -> l.split("\\s+")[0].equals(FABRIC_CLIENT))) {
      sh("ip netns del " + FABRIC_CLIENT);
    }
  }

  /** The network namespace node-agent made for {@code pod} ({@code svclab-pod-N-10-244-N-x}). */
  public static String podNamespace(Pod pod) {
    return "svclab-pod-" + pod.getSpec().getNodeName().substring("node-".length()) + "-"
        + pod.getStatus().getPodIp().replace('.', '-');
  }

  /** kube-proxy's rules in a node's namespace as the mode's own tool prints them. */
  public static String rules(String node, String mode) throws Exception {
    Shell.Result r = sh("ip netns exec svclab-" + node + " "
        + (mode.equals("nftables") ? "nft list table ip kube-proxy" : "iptables-save"));
    if (r.exitCode() != 0) throw new AssertionError(mode + " rules of " + node + ": " + r.stderr());
    return r.stdout();
  }

  /** {@code curl -sS -m 5 ARGS} in a namespace (exit code, body, curl's message). */
  public static Shell.Result curlIn(String namespace, String args) throws Exception {
    return sh("ip netns exec " + namespace + " curl -sS -m 5 " + args);
  }

  /** Pod name -> how many of its container log lines contain {@code marker}, for pods with at least one. */
  public static Map<String, Integer> podsLogging(Path data, String marker) {
    Map<String, Integer> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(data.resolve("nodes"), 6)) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".log"))::iterator) {
        Path podDir = f.getParent() == null ? null : f.getParent().getParent();
        if (podDir == null || !podDir.getParent().getFileName().toString().equals("pods")) continue;
        String[] parts = podDir.getFileName().toString().split("_");  // NAMESPACE_NAME_UID
        if (parts.length < 3) continue;
        long n;
        try (Stream<String> lines = Files.lines(f)) {
          n = lines.filter(l -> l.contains(marker)).count();
        }
        if (n > 0) out.merge(parts[1], (int) n, Integer::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
