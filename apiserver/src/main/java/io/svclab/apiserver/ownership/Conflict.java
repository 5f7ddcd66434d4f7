package io.svclab.apiserver.ownership;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A field an apply would change that another manager owns; {@code manager} as {@link Ownership#printed()}. */
public record Conflict(String manager, FieldPath path) {

  /**
   * Kubernetes' message for them ({@code getConflictMessage}): one conflict on one line, several
   * grouped per manager (managers sorted) with a {@code - path} line each.
   */
  public static String message(List<Conflict> conflicts) {
    if (conflicts.size() == 1) {
      Conflict c = conflicts.get(0);
      return "Apply failed with 1 conflict: conflict with " + c.manager() + ": " + c.path();
    }
    Map<String, List<FieldPath>> byManager = new LinkedHashMap<>();
    conflicts.stream().sorted((a, b) -> a.manager().compareTo(b.manager()))
        .forEach(c -> byManager.computeIfAbsent(c.manager(), k -> new ArrayList<>()).add(c.path()));
    List<String> lines = new ArrayList<>();
    byManager.forEach((m, paths) -> {
      lines.add("conflicts with " + m + ":");
      paths.forEach(p -> lines.add("- " + p));
    });
    return "Apply failed with " + conflicts.size() + " conflicts: " + String.join("\n", lines);
  }
}
