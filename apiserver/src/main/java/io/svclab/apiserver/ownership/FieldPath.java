package io.svclab.apiserver.ownership;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A path from an object's root to one of its fields; printed as SMD prints it: {@code .spec.ports[port=80,protocol="TCP"].targetPort}. */
public record FieldPath(List<PathElement> elements) implements Comparable<FieldPath> {
  public static final FieldPath ROOT = new FieldPath(List.of());

  public FieldPath {
    elements = List.copyOf(elements);
  }

  public static FieldPath of(PathElement... elements) {
    return new FieldPath(List.of(elements));
  }

  /** {@code .spec.type} as {@code fields("spec", "type")}. */
  public static FieldPath fields(String... names) {
    List<PathElement> e = new ArrayList<>();
    for (String n : names) {
      e.add(new PathElement.Field(n));
    }
    return new FieldPath(e);
  }

  public FieldPath child(PathElement e) {
    List<PathElement> next = new ArrayList<>(elements);
    next.add(e);
    return new FieldPath(next);
  }

  public boolean isUnder(FieldPath prefix) {
    return elements.size() > prefix.elements.size() && elements.subList(0, prefix.elements.size()).equals(prefix.elements);
  }

  @Override
  public int compareTo(FieldPath o) {
    for (int i = 0; i < Math.min(elements.size(), o.elements.size()); i++) {
      int c = elements.get(i).compareTo(o.elements.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(elements.size(), o.elements.size());
  }

  @Override
  public String toString() {
    return elements.stream().map(PathElement::printed).collect(Collectors.joining());
  }
}
