package io.svclab.apiserver.ownership;

import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who owns which field after a write, as kube-apiserver's fieldmanager (structured-merge-diff)
 * decides it. An update (create, PUT, patch) gives its manager what it added or changed and takes
 * those fields from everybody else; what it removed nobody owns any more. An apply merges its
 * configuration into the live object, refuses to change a field another manager owns unless
 * forced, removes what it applied before and applies no longer (when nobody else owns it), and
 * leaves its manager owning exactly what the configuration sets.
 */
public final class FieldOwnership {
  private FieldOwnership() {}

  /** What an apply came to: the object to store and its owners, or the conflicts that stopped it. */
  public sealed interface ApplyOutcome {}

  public record Applied(JsonObject object, List<Ownership> owners) implements ApplyOutcome {}

  public record Conflicted(List<Conflict> conflicts) implements ApplyOutcome {}

  /** The owners after {@code manager} wrote {@code after} over {@code before} (empty for a create). */
  public static List<Ownership> update(List<Ownership> owners, String manager, String apiVersion, Instant now,
      JsonObject before, JsonObject after, Descriptor type) {
    return update(owners, manager, "", apiVersion, now, before, after, type);
  }

  /**
   * As {@link #update(List, String, String, Instant, JsonObject, JsonObject, Descriptor)} for a
   * write through {@code subresource} ({@code "status"}, or {@code ""} for the object itself): its
   * entry is its own ({@code subresource: status}) and it can own only what that subresource writes.
   */
  public static List<Ownership> update(List<Ownership> owners, String manager, String subresource, String apiVersion,
      Instant now, JsonObject before, JsonObject after, Descriptor type) {
    Comparison diff = Comparison.of(before, after, type, subresource);
    if (diff.isSame()) {
      return sorted(owners);
    }
    FieldSet changed = diff.changed();
    List<Ownership> out = new ArrayList<>();
    FieldSet mine = FieldSet.EMPTY;
    for (Ownership o : owners) {
      if (o.sameOwner(manager, Ownership.UPDATE, subresource)) {
        mine = o.fields();
      } else {
        out.add(o.withFields(o.fields().difference(changed).difference(diff.removed())));
      }
    }
    out.add(new Ownership(manager, Ownership.UPDATE, apiVersion, now,
        mine.union(changed).difference(diff.removed()), subresource));
    return sorted(out);
  }

  /** {@code live} is null when the object does not exist yet (apply creates it). */
  public static ApplyOutcome apply(List<Ownership> owners, String manager, String apiVersion, Instant now,
      JsonObject live, JsonObject config, boolean force, Descriptor type) {
    JsonObject base = live == null ? new JsonObject() : live;
    FieldSet applied = ObjectFields.applied(config, type);
    FieldSet before = FieldSet.EMPTY;
    FieldSet others = FieldSet.EMPTY;
    for (Ownership o : owners) {
      if (o.sameOwner(manager, Ownership.APPLY)) {
        before = o.fields();
      } else {
        others = others.union(o.fields());
      }
    }
    JsonObject merged = ApplyMerge.merge(base, config, type);
    FieldSet dropped = before.difference(applied);
    List<FieldPath> prune = new ArrayList<>();
    for (FieldPath p : dropped.paths()) {
      if (!others.touches(p) && !applied.touches(p)) {
        prune.add(p);
      }
    }
    merged = ApplyMerge.remove(merged, FieldSet.of(prune), type);
    Comparison diff = Comparison.of(base, merged, type);
    FieldSet changed = diff.changed();
    List<Conflict> conflicts = new ArrayList<>();
    for (Ownership o : owners) {
      if (!o.sameOwner(manager, Ownership.APPLY)) {
        o.fields().intersection(changed).paths().forEach(p -> conflicts.add(new Conflict(o.printed(), p)));
      }
    }
    if (!conflicts.isEmpty() && !force) {
      return new Conflicted(conflicts);
    }
    List<Ownership> out = new ArrayList<>();
    Ownership previous = null;
    for (Ownership o : owners) {
      if (o.sameOwner(manager, Ownership.APPLY)) {
        previous = o;
      } else {
        out.add(o.withFields(o.fields().difference(changed).difference(diff.removed())));
      }
    }
    boolean unchanged = previous != null && diff.isSame() && previous.fields().equals(applied)
        && previous.apiVersion().equals(apiVersion);
    out.add(unchanged ? previous : new Ownership(manager, Ownership.APPLY, apiVersion, now, applied));
    return new Applied(merged, sorted(out));
  }

  /**
   * Without owners that own nothing, in Kubernetes' order: Apply before Update, then by time, manager
   * and apiVersion.
   */
  static List<Ownership> sorted(List<Ownership> owners) {
    return owners.stream().filter(o -> !o.fields().isEmpty())
        .sorted(Comparator.comparing(Ownership::operation).thenComparing(Ownership::time)
            .thenComparing(Ownership::manager).thenComparing(Ownership::apiVersion)
            .thenComparing(Ownership::subresource))
        .toList();
  }
}
