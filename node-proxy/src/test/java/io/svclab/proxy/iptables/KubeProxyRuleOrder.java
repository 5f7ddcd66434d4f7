package io.svclab.proxy.iptables;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;

/**
 * kube-proxy's test normalization (proxier_test.go sortIPTablesRules), written once for every
 * golden comparison: tables by name; in each table the chain declarations and then each chain's
 * rules, chains ordered KUBE-NODEPORTS, KUBE-SERVICES, the other KUBE-* alphabetically, then the
 * rest; rules keep their order within a chain, except that KUBE-NODEPORTS and KUBE-SERVICES are
 * sorted (stably) by the Service name in their comment, with the nat KUBE-SERVICES "must be the
 * last rule" rule kept last; chain deletions ({@code -X}) follow all rules, in chain order. Service processing order then does not matter, the order that does
 * (rules inside one chain) is still compared.
 */
final class KubeProxyRuleOrder {
  private KubeProxyRuleOrder() {}

  static String normalize(String restoreInput) {
    Map<String, Map<String, List<String>>> tables = new LinkedHashMap<>();
    Map<String, Set<String>> deleted = new LinkedHashMap<>();
    Map<String, List<String>> current = null;
    String table = null;
    for (String line : restoreInput.split("\n")) {
      if (line.isBlank()) continue;
      if (line.startsWith("*")) {
        table = line.substring(1);
        current = tables.computeIfAbsent(table, k -> new LinkedHashMap<>());
      } else if (line.equals("COMMIT")) {
        current = null;
      } else if (current == null) {
        throw new IllegalArgumentException("line outside a table: " + line);
      } else if (line.startsWith(":")) {
        current.computeIfAbsent(line.substring(1, line.indexOf(' ')), k -> new ArrayList<>());
      } else if (line.startsWith("-A ")) {
        String chain = line.split(" ")[1];
        List<String> rules = current.get(chain);
        if (rules == null) throw new IllegalArgumentException("rule for an undeclared chain: " + line);
        rules.add(line);
      } else if (line.startsWith("-X ")) {
        deleted.computeIfAbsent(table, k -> new HashSet<>()).add(line.substring(3));
      } else {
        throw new IllegalArgumentException("unexpected line: " + line);
      }
    }
    StringBuilder out = new StringBuilder();
    for (String name : tables.keySet().stream().sorted().toList()) {
      Map<String, List<String>> chains = tables.get(name);
      Set<String> gone = deleted.getOrDefault(name, Set.of());
      List<String> order = chains.keySet().stream().sorted(CHAIN_ORDER).toList();
      out.append('*').append(name).append('\n');
      for (String chain : order) out.append(':').append(chain).append(" - [0:0]\n");
      for (String chain : order) {
        List<String> rules = new ArrayList<>(chains.get(chain));
        if (chain.equals(ChainNames.NODE_PORTS) || chain.equals(ChainNames.SERVICES)) {
          rules.sort(Comparator.comparing(KubeProxyRuleOrder::sortKey));
        }
        rules.forEach(r -> out.append(r).append('\n'));
      }
      for (String chain : order) if (gone.contains(chain)) out.append("-X ").append(chain).append('\n');
      out.append("COMMIT\n");
    }
    return out.toString();
  }

  private static final Comparator<String> CHAIN_ORDER = Comparator
      .comparingInt((String c) -> c.equals(ChainNames.NODE_PORTS) ? 0 : c.equals(ChainNames.SERVICES) ? 1
          : c.startsWith("KUBE-") ? 2 : 3)
      .thenComparing(Comparator.naturalOrder());

  /** The Service name in the comment (up to the first space or colon); the "last rule" sorts last. */
  private static String sortKey(String rule) {
    String comment = comment(rule);
    if (comment == null) return "";
    if (comment.contains("must be the last rule")) return "\uffff";
    int end = 0;
    while (end < comment.length() && comment.charAt(end) != ' ' && comment.charAt(end) != ':') end++;
    return comment.substring(0, end);
  }

  static String comment(String rule) {
    int at = rule.indexOf("--comment ");
    if (at < 0) return null;
    String rest = rule.substring(at + "--comment ".length());
    if (rest.startsWith("\"")) return rest.substring(1, rest.indexOf('"', 1));
    int space = rest.indexOf(' ');
    return space < 0 ? rest : rest.substring(0, space);
  }
}
