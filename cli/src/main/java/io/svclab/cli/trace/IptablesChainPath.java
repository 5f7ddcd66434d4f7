package io.svclab.cli.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chain path a packet to {@code IP:PORT/PROTO} takes through kube-proxy's iptables rules, read
 * from {@code iptables-save} of a node's network namespace (the kernel modes): the matching rule of
 * nat {@code KUBE-SERVICES} (or, for a NodePort, {@code KUBE-NODEPORTS}), then every rule of each
 * {@code KUBE-EXT/FW/SVC/SVL/SEP-*} chain it jumps to, indented by depth (so the statistic branches
 * and each endpoint's DNAT show), and a REJECT/DROP of the filter table for the same destination.
 * Pure; the lines are iptables-save's own.
 */
public final class IptablesChainPath {
  private static final int MAX_DEPTH = 6;

  private IptablesChainPath() {}

  public static List<String> of(String natSave, String filterSave, String ip, int port, String protocol) {
    Map<String, List<String>> nat = rules(natSave);
    String proto = protocol.toLowerCase(java.util.Locale.ROOT);
    List<String> out = new ArrayList<>();
    for (String rule : rules(filterSave).getOrDefault("KUBE-SERVICES", List.of())) {
      if (matches(rule, ip, port, proto)) out.add("filter " + rule);
    }
    for (String rule : rules(filterSave).getOrDefault("KUBE-EXTERNAL-SERVICES", List.of())) {
      if (rule.contains("--dport " + port + " ") && rule.contains("-p " + proto + " ")) {
        out.add("filter " + rule);
      }
    }
    List<String> entry = new ArrayList<>();
    for (String rule : nat.getOrDefault("KUBE-SERVICES", List.of())) if (matches(rule, ip, port, proto)) entry.add(rule);
    if (entry.isEmpty()) {
      for (String rule : nat.getOrDefault("KUBE-NODEPORTS", List.of())) {
        if (rule.contains("-p " + proto + " ") && rule.contains("--dport " + port + " ")) entry.add(rule);
      }
    }
    Set<String> seen = new java.util.HashSet<>();
    for (String rule : entry) follow(rule, nat, 0, seen, out);
    return List.copyOf(out);
  }

  private static void follow(String rule, Map<String, List<String>> nat, int depth, Set<String> seen, List<String> out) {
    out.add("  ".repeat(depth) + rule);
    String target = target(rule);
    if (target == null || depth >= MAX_DEPTH || !isPerServiceChain(target) || !seen.add(target)) return;
    for (String next : nat.getOrDefault(target, List.of())) follow(next, nat, depth + 1, seen, out);
  }

  private static boolean matches(String rule, String ip, int port, String proto) {
    return (rule.contains("-d " + ip + "/32 ") || rule.contains("-d " + ip + " ")) && rule.contains("-p " + proto + " ")
        && (rule.contains("--dport " + port + " ") || rule.endsWith("--dport " + port));
  }

  private static boolean isPerServiceChain(String chain) {
    return chain.startsWith("KUBE-SVC-") || chain.startsWith("KUBE-SVL-") || chain.startsWith("KUBE-EXT-")
        || chain.startsWith("KUBE-FW-") || chain.startsWith("KUBE-SEP-");
  }

  private static String target(String rule) {
    int j = rule.lastIndexOf(" -j ");
    if (j < 0) return null;
    return rule.substring(j + 4).split(" ")[0];
  }

  /** Rules ({@code -A CHAIN ...} lines) by chain, in order. */
  private static Map<String, List<String>> rules(String save) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String line : save.split("\n")) {
      if (!line.startsWith("-A ")) continue;
      out.computeIfAbsent(line.split(" ")[1], k -> new ArrayList<>()).add(line);
    }
    return out;
  }
}
