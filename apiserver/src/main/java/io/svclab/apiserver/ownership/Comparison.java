package io.svclab.apiserver.ownership;

import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a write changed, as structured-merge-diff's {@code Compare} reports it: paths that appeared
 * (values, and the maps, lists and list elements that hold them), values that changed, and paths
 * that went away. A struct is never a path of its own (Go always has it); a map or list is, when it
 * appears or goes.
 */
public record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

  public static Comparison of(JsonObject before, JsonObject after, Descriptor type) {
    return of(before, after, type, "");
  }

  /** Compared within what a write through {@code subresource} can own ({@link ObjectFields#nodes(JsonObject, Descriptor, String)}). */
  public static Comparison of(JsonObject before, JsonObject after, Descriptor type, String subresource) {
    Map<FieldPath, ObjectFields.Node> old = ObjectFields.nodes(before, type, subresource);
    Map<FieldPath, ObjectFields.Node> now = ObjectFields.nodes(after, type, subresource);
    List<FieldPath> added = new ArrayList<>();
    List<FieldPath> modified = new ArrayList<>();
    List<FieldPath> removed = new ArrayList<>();
    now.forEach((p, n) -> {
      ObjectFields.Node was = old.get(p);
      if (n.shape() == ObjectFields.Shape.STRUCT) {
        return;
      }
      if (was == null) {
        added.add(p);
      } else if (n.shape() == ObjectFields.Shape.LEAF && !n.value().equals(was.value())) {
        modified.add(p);
      }
    });
    old.forEach((p, n) -> {
      if (n.shape() != ObjectFields.Shape.STRUCT && !now.containsKey(p)) {
        removed.add(p);
      }
    });
    return new Comparison(FieldSet.of(added), FieldSet.of(modified), FieldSet.of(removed));
  }

  /** Added or modified: what a writer now sets. */
  public FieldSet changed() {
    return added.union(modified);
  }

  public boolean isSame() {
    return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
  }
}
