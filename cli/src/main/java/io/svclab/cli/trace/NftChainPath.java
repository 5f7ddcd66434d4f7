package io.svclab.cli.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The nftables counterpart of {@link IptablesChainPath}: the path a packet to {@code IP:PORT/PROTO}
 * takes through kube-proxy's {@code ip kube-proxy} table, read from {@code nft list table ip
 * kube-proxy} of a node's network namespace. The element of {@code no-endpoint-services} /
 * {@code no-endpoint-nodeports} / {@code firewall-ips} for the destination (the filter side), then
 * the {@code service-ips} element (or, for a NodePort, the {@code service-nodeports} one) and every
 * rule of each {@code external-/firewall-/service-/endpoint-} chain it goes to, indented by depth
 * (so the {@code numgen random} branches and each endpoint's {@code dnat} show). Pure; the lines are
 * nft's own.
 */
public final class NftChainPath {
  private static final int MAX_DEPTH = 6;
  private static final Pattern BLOCK = Pattern.compile("^\\s*(map|set|chain) (\\S+) \\{\\s*$");
  private static final Pattern TARGET = Pattern.compile("(?:goto|jump) (\\S+?)(?=[ ,}]|$)");

  private NftChainPath() {}

  public static List<String> of(String listing, String ip, int port, String protocol) {
    Map<String, List<String>> maps = new LinkedHashMap<>();
    Map<String, List<String>> chains = new LinkedHashMap<>();
    parse(listing, maps, chains);
    String proto = protocol.toLowerCase(Locale.ROOT);
    String service = ip + " . " + proto + " . " + port + " ";
    String nodePort = proto + " . " + port + " ";
    List<String> out = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String e : maps.getOrDefault("firewall-ips", List.of())) {
      if (e.startsWith(service)) {
        out.add("map firewall-ips: " + e);
        followTargets(e, chains, 1, seen, out);
      }
    }
    for (String e : maps.getOrDefault("no-endpoint-services", List.of())) {
      if (e.startsWith(service)) out.add("map no-endpoint-services: " + e);
    }
    for (String e : maps.getOrDefault("no-endpoint-nodeports", List.of())) {
      if (e.startsWith(nodePort)) out.add("map no-endpoint-nodeports: " + e);
    }
    List<String> entry = new ArrayList<>();
    for (String e : maps.getOrDefault("service-ips", List.of())) if (e.startsWith(service)) entry.add("map service-ips: " + e);
    if (entry.isEmpty()) {
      for (String e : maps.getOrDefault("service-nodeports", List.of())) {
        if (e.startsWith(nodePort)) entry.add("map service-nodeports: " + e);
      }
    }
    for (String line : entry) {
      out.add(line);
      followTargets(line, chains, 1, seen, out);
    }
    return List.copyOf(out);
  }

  private static void followTargets(String line, Map<String, List<String>> chains, int depth, Set<String> seen, List<String> out) {
    Matcher m = TARGET.matcher(line);
    while (m.find()) {
      String chain = m.group(1);
      if (depth > MAX_DEPTH || !isPerServiceChain(chain) || !chains.containsKey(chain) || !seen.add(chain)) continue;
      out.add("  ".repeat(depth) + "chain " + chain);
      for (String rule : chains.get(chain)) {
        out.add("  ".repeat(depth + 1) + rule);
        followTargets(rule, chains, depth + 2, seen, out);
      }
    }
  }

  private static boolean isPerServiceChain(String chain) {
    return chain.startsWith("service-") || chain.startsWith("external-") || chain.startsWith("endpoint-")
        || chain.startsWith("firewall-");
  }

  /** Map elements (one string each, as nft prints them) and chain rules, by name. */
  private static void parse(String listing, Map<String, List<String>> maps, Map<String, List<String>> chains) {
    String kind = null;
    String name = null;
    StringBuilder elements = null;
    for (String raw : listing.split("\n")) {
      String line = raw.strip();
      Matcher block = BLOCK.matcher(raw);
      if (block.matches()) {
        kind = block.group(1);
        name = block.group(2);
        if (kind.equals("chain")) chains.put(name, new ArrayList<>());
        continue;
      }
      if (kind == null) continue;
      if (elements != null) {
        elements.append(' ').append(line);
        if (line.endsWith("}")) {
          maps.put(name, splitElements(elements.toString()));
          elements = null;
        }
        continue;
      }
      if (line.equals("}")) {
        kind = null;
        continue;
      }
      if (!kind.equals("chain") && line.startsWith("elements = {")) {
        elements = new StringBuilder(line.substring("elements = {".length()));
        if (line.endsWith("}")) {
          maps.put(name, splitElements(elements.toString()));
          elements = null;
        }
      } else if (kind.equals("chain") && !line.startsWith("type ") && !line.startsWith("comment ") && !line.isEmpty()) {
        chains.get(name).add(line);
      }
    }
  }

  private static List<String> splitElements(String body) {
    String inner = body.strip();
    if (inner.endsWith("}")) inner = inner.substring(0, inner.length() - 1);
    List<String> out = new ArrayList<>();
    for (String e : inner.split(",")) if (!e.isBlank()) out.add(e.strip().replaceAll("\\s+", " "));
    return out;
  }
}
