package io.svclab.proxy.nftables;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One sync's {@code nft -f} transaction, kube-proxy's nftables syncProxyRules in both shapes.
 * Full (at start, after a failure, periodically): the table is deleted and declared again with
 * every object, in one atomic transaction. Partial: only the changed Services' objects are
 * touched, as kube-proxy does after its first sync (chains of unchanged Services are neither
 * flushed nor rewritten, map elements are added and deleted one by one instead of flushing the
 * maps): a chain that is new or whose rules differ is flushed and rewritten, an element whose key
 * left or whose verdict changed is deleted, a new one added; a chain (or affinity set) that left
 * is flushed now and deleted one sync later ({@code flushed}), since a map element being removed
 * in the same transaction may still name it. Pure.
 *
 * @param transaction the {@code nft -f} input
 * @param flushed     objects ({@code chain NAME} / {@code set NAME}) emptied by this transaction, to delete next time
 */
public record NftSyncPlan(String transaction, Set<String> flushed) {
  private static final String T = NftablesRenderer.T;

  public NftSyncPlan {
    flushed = Set.copyOf(flushed);
  }

  public static NftSyncPlan full(NftState next) {
    return new NftSyncPlan("add table " + T.strip() + "\ndelete table " + T.strip() + "\n"
        + NftablesRenderer.transaction(next.lines()), Set.of());
  }

  /**
   * @param changed           the Services ({@code namespace/name}) whose lines may differ between the states
   * @param flushedLastSync   what the previous transaction flushed: deleted now unless it is back
   */
  public static NftSyncPlan partial(NftState previous, NftState next, Set<String> changed, Set<String> flushedLastSync) {
    Objects before = new Objects();
    Objects after = new Objects();
    for (String key : changed) {
      before.read(previous.services().getOrDefault(key, List.of()));
      after.read(next.services().getOrDefault(key, List.of()));
    }
    StringBuilder tx = new StringBuilder();
    before.elements.forEach((key, line) -> {
      if (!line.equals(after.elements.get(key))) tx.append("delete element ").append(T).append(key).append(" }\n");
    });
    after.sets.forEach((name, line) -> {
      if (!before.sets.containsKey(name)) tx.append(line).append('\n');
    });
    List<String> rewritten = new ArrayList<>();
    after.chains.forEach((name, rules) -> {
      if (!rules.equals(before.chains.get(name))) rewritten.add(name);
    });
    for (String name : rewritten) tx.append("add chain ").append(T).append(name).append('\n');
    for (String name : rewritten) {
      if (before.chains.containsKey(name)) tx.append("flush chain ").append(T).append(name).append('\n');
      for (String rule : after.chains.get(name)) tx.append(rule).append('\n');
    }
    after.elements.forEach((key, line) -> {
      if (!line.equals(before.elements.get(key))) tx.append(line).append('\n');
    });
    Set<String> flushed = new LinkedHashSet<>();
    for (String name : before.chains.keySet()) {
      if (!after.chains.containsKey(name)) {
        tx.append("flush chain ").append(T).append(name).append('\n');
        flushed.add("chain " + name);
      }
    }
    for (String name : before.sets.keySet()) if (!after.sets.containsKey(name)) flushed.add("set " + name);
    for (String object : flushedLastSync) {
      String[] kindName = object.split(" ", 2);
      boolean back = kindName[0].equals("chain") ? after.chains.containsKey(kindName[1])
          : after.sets.containsKey(kindName[1]);
      if (!back && !flushed.contains(object)) tx.append("delete ").append(kindName[0]).append(' ').append(T)
          .append(kindName[1]).append('\n');
    }
    return new NftSyncPlan(tx.toString(), flushed);
  }

  /** The chains (with their rules), affinity sets and map/set elements (by map and key) of some Services' lines. */
  private static final class Objects {
    final Map<String, List<String>> chains = new LinkedHashMap<>();
    final Map<String, String> sets = new LinkedHashMap<>();
    /** "MAP { KEY" (what {@code delete element} needs before its closing brace) -> the whole add line. */
    final Map<String, String> elements = new LinkedHashMap<>();

    void read(List<String> lines) {
      for (String line : lines) {
        if (line.startsWith("add chain " + T)) {
          chains.computeIfAbsent(nameAfter(line, "add chain "), k -> new ArrayList<>());
        } else if (line.startsWith("add rule " + T)) {
          chains.computeIfAbsent(nameAfter(line, "add rule "), k -> new ArrayList<>()).add(line);
        } else if (line.startsWith("add set " + T)) {
          sets.put(nameAfter(line, "add set "), line);
        } else if (line.startsWith("add element " + T)) {
          elements.putIfAbsent(elementKey(line), line);
        }
      }
    }

    private static String nameAfter(String line, String verb) {
      return line.substring((verb + T).length()).split(" ", 2)[0];
    }

    /** {@code add element ip kube-proxy service-ips { 10.96.0.1 . tcp . 80 : goto x }} -> {@code service-ips { 10.96.0.1 . tcp . 80}. */
    static String elementKey(String line) {
      String rest = line.substring(("add element " + T).length());
      int end = rest.length() - 2; // " }"
      int comment = rest.indexOf(" comment \"");
      int verdict = rest.indexOf(" : ");
      if (comment >= 0) end = Math.min(end, comment);
      if (verdict >= 0) end = Math.min(end, verdict);
      return rest.substring(0, end);
    }
  }
}
