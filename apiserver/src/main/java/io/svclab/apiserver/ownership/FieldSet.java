package io.svclab.apiserver.ownership;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable set of field paths, and its FieldsV1 form: a tree of {@code f:}/{@code k:}/{@code v:}
 * keys where a path that is itself in the set and has children below it carries {@code ".": {}}
 * (structured-merge-diff's serialization, children in SMD's order).
 */
public record FieldSet(SortedSet<FieldPath> paths) {
  public static final FieldSet EMPTY = new FieldSet(new TreeSet<>());

  public FieldSet {
    paths = Collections.unmodifiableSortedSet(new TreeSet<>(paths));
  }

  public static FieldSet of(Collection<FieldPath> paths) {
    return new FieldSet(new TreeSet<>(paths));
  }

  public boolean isEmpty() { return paths.isEmpty(); }

  public boolean contains(FieldPath p) { return paths.contains(p); }

  public FieldSet union(FieldSet o) {
    TreeSet<FieldPath> s = new TreeSet<>(paths);
    s.addAll(o.paths);
    return new FieldSet(s);
  }

  public FieldSet difference(FieldSet o) {
    TreeSet<FieldPath> s = new TreeSet<>(paths);
    s.removeAll(o.paths);
    return new FieldSet(s);
  }

  public FieldSet intersection(FieldSet o) {
    TreeSet<FieldPath> s = new TreeSet<>(paths);
    s.retainAll(o.paths);
    return new FieldSet(s);
  }

  /** Whether any path of the set is {@code p} or lies below it. */
  public boolean touches(FieldPath p) {
    return paths.stream().anyMatch(q -> q.equals(p) || q.isUnder(p));
  }

  // ---------------- FieldsV1 ----------------

  private static final class Node {
    boolean member;
    final Map<PathElement, Node> children = new TreeMap<>();
  }

  public JsonObject toFieldsV1() {
    Node root = new Node();
    for (FieldPath p : paths) {
      Node n = root;
      for (PathElement e : p.elements()) {
        n = n.children.computeIfAbsent(e, k -> new Node());
      }
      n.member = true;
    }
    return render(root);
  }

  private static JsonObject render(Node n) {
    JsonObject o = new JsonObject();
    if (n.member && !n.children.isEmpty()) {
      o.add(".", new JsonObject());
    }
    n.children.forEach((e, child) -> o.add(e.serialized(), render(child)));
    return o;
  }

  /** The set a FieldsV1 object stands for; IllegalArgumentException when it is not one. */
  public static FieldSet fromFieldsV1(JsonObject fields) {
    TreeSet<FieldPath> out = new TreeSet<>();
    read(fields, FieldPath.ROOT, out);
    return new FieldSet(out);
  }

  private static void read(JsonObject o, FieldPath at, TreeSet<FieldPath> out) {
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      if (e.getKey().equals(".")) {
        out.add(at);
        continue;
      }
      if (!e.getValue().isJsonObject()) {
        throw new IllegalArgumentException("FieldsV1 entry " + e.getKey() + " is not an object");
      }
      FieldPath child = at.child(PathElement.parse(e.getKey()));
      JsonObject value = e.getValue().getAsJsonObject();
      if (value.size() == 0) {
        out.add(child);
      } else {
        read(value, child, out);
      }
    }
  }
}
