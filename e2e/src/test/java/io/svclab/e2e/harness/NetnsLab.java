package io.svclab.e2e.harness;

import io.svclab.api.v1.Pod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
