package io.svclab.proxy.nftables;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * is flushed now and deleted in a sync at least {@link #STALE_DELAY} later, as kube-proxy deletes
 * its stale chains (a map element being removed in the same transaction may still name it). Pure.
 *
 * <p>Why the partial transaction is written the way it is: nft 1.0.6 reads the kernel's whole
 * ruleset into its cache (every chain and set of the table, 30,000 chains and 10,000 anonymous
 * maps at 10,000 Services: two thirds of a partial sync's CPU there) before any {@code add rule},
 * {@code add element} or {@code delete}, but not before {@code add chain NAME { RULE ; ... }},
 * {@code add map|set NAME { DECLARATION ; elements = { ... } ; }}, {@code add set} or
 * {@code flush chain}. So rules are written as chain bodies and elements inside their map's own
 * declaration (the declaration exactly as the full sync wrote it, so that the kernel takes it as
 * the same map), and the affinity sets a body names are declared again first (nft resolves
 * {@code @set} in a body only against the same transaction then). Only deletions still need the
 * cache: elements whose key left or whose verdict changed, and stale chains and sets that are due.
 *
 * @param transaction the {@code nft -f} input
 * @param stale       objects ({@code chain NAME} / {@code set NAME}) flushed and not yet deleted, with when they were flushed
 */
public record NftSyncPlan(String transaction, Map<String, Instant> stale) {
  private static final String T = NftablesRenderer.T;
  /** kube-proxy's delay before deleting a flushed chain (proxier.go: "sufficiently-stale chains", one second). */
  public static final Duration STALE_DELAY = Duration.ofSeconds(1);

  public NftSyncPlan {
    stale = Map.copyOf(stale);
  }

  public static NftSyncPlan full(NftState next) {
    return new NftSyncPlan("add table " + T.strip() + "\ndelete table " + T.strip() + "\n"
        + NftablesRenderer.transaction(next.lines()), Map.of());
  }

  /**
   * @param changed the Services ({@code namespace/name}) whose lines may differ between the states
   * @param stale   what earlier transactions flushed and did not delete yet, with when
   * @param now     this sync's time: objects flushed {@link #STALE_DELAY} or longer ago are deleted now, unless back
   */
  public static NftSyncPlan partial(NftState previous, NftState next, Set<String> changed, Map<String, Instant> stale,
      Instant now) {
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
    List<String> rewritten = new ArrayList<>();
    after.chains.forEach((name, rules) -> {
      if (!rules.equals(before.chains.get(name))) rewritten.add(name);
    });
    // every affinity set of the changed Services, declared again: a rewritten body's @set resolves only against
    // this transaction, and the kernel takes an existing set's new timeout from it
    after.sets.values().forEach(line -> tx.append(line).append('\n'));
    for (String name : rewritten) tx.append("add chain ").append(T).append(name).append('\n');
    for (String name : rewritten) {
      if (before.chains.containsKey(name)) tx.append("flush chain ").append(T).append(name).append('\n');
    }
    for (String name : rewritten) {
      List<String> rules = after.chains.get(name);
      if (rules.isEmpty()) continue;
      tx.append("add chain ").append(T).append(name).append(" { ").append(String.join(" ; ", rules)).append(" ; }\n");
    }
    Map<String, List<String>> added = new LinkedHashMap<>();
    after.elements.forEach((key, line) -> {
      if (!line.equals(before.elements.get(key))) {
        added.computeIfAbsent(Objects.setOf(line), k -> new ArrayList<>()).add(Objects.elementBody(line));
      }
    });
    Map<String, String> declarations = declarations(next.base());
    added.forEach((set, elements) -> {
      String declaration = declarations.get(set);
      if (declaration == null) throw new IllegalStateException("an element of " + set + ", which the table does not declare");
      // "add map T NAME { type ... ; comment "..." ; }" -> the same with "elements = { ... } ; " before the brace
      tx.append(declaration, 0, declaration.length() - 1).append("elements = { ").append(String.join(" , ", elements))
          .append(" } ; }\n");
    });
    Map<String, Instant> stillStale = new LinkedHashMap<>();
    for (String name : before.chains.keySet()) {
      if (!after.chains.containsKey(name)) {
        tx.append("flush chain ").append(T).append(name).append('\n');
        stillStale.put("chain " + name, now);
      }
    }
    for (String name : before.sets.keySet()) if (!after.sets.containsKey(name)) stillStale.put("set " + name, now);
    stale.forEach((object, flushedAt) -> {
      String[] kindName = object.split(" ", 2);
      boolean back = kindName[0].equals("chain") ? after.chains.containsKey(kindName[1])
          : after.sets.containsKey(kindName[1]);
      if (back || stillStale.containsKey(object)) return;
      if (flushedAt.plus(STALE_DELAY).isAfter(now)) {
        stillStale.put(object, flushedAt);
      } else {
        tx.append("delete ").append(kindName[0]).append(' ').append(T).append(kindName[1]).append('\n');
      }
    });
    return new NftSyncPlan(tx.toString(), stillStale);
  }

  /** The base's map and set declarations ({@code add map|set T NAME { ... }}) by name. */
  private static Map<String, String> declarations(List<String> base) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : base) {
      for (String verb : List.of("add map " + T, "add set " + T)) {
        if (line.startsWith(verb) && line.endsWith("}")) out.put(line.substring(verb.length()).split(" ", 2)[0], line);
      }
    }
    return out;
  }

  /** The chains (with their rules), affinity sets and map/set elements (by map and key) of some Services' lines. */
  private static final class Objects {
    /** chain name -> its rules, as the text after {@code add rule T NAME }. */
    final Map<String, List<String>> chains = new LinkedHashMap<>();
    final Map<String, String> sets = new LinkedHashMap<>();
    /** "MAP { KEY" (what {@code delete element} needs before its closing brace) -> the whole add line. */
    final Map<String, String> elements = new LinkedHashMap<>();

    void read(List<String> lines) {
      for (String line : lines) {
        if (line.startsWith("add chain " + T)) {
          chains.computeIfAbsent(nameAfter(line, "add chain "), k -> new ArrayList<>());
        } else if (line.startsWith("add rule " + T)) {
          String name = nameAfter(line, "add rule ");
          chains.computeIfAbsent(name, k -> new ArrayList<>()).add(line.substring(("add rule " + T + name + " ").length()));
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

    /** {@code add element ip kube-proxy service-ips { 10.96.0.1 . tcp . 80 : goto x }} -> {@code service-ips}. */
    static String setOf(String line) {
      return nameAfter(line, "add element ");
    }

    /** {@code add element ip kube-proxy service-ips { 10.96.0.1 . tcp . 80 : goto x }} -> {@code 10.96.0.1 . tcp . 80 : goto x}. */
    static String elementBody(String line) {
      String rest = line.substring(("add element " + T + setOf(line) + " { ").length());
      return rest.substring(0, rest.length() - 2);
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
