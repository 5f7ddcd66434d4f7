package io.svclab.apiserver.ownership;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.IntOrString;
import io.svclab.client.json.PatchStrategies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every field of an object's Kubernetes JSON as a path, walked with the proto descriptors so lists
 * are told apart as structured-merge-diff tells them apart: list maps (elements by their keys,
 * {@code PatchStrategies.listMapKeys}), sets of scalars, atomic lists and atomic maps/structs (one
 * value). What nobody owns is left out: {@code apiVersion}, {@code kind}, the server's metadata
 * (name, uid, resourceVersion, ...), and {@code status} unless the write is to its subresource.
 */
public final class ObjectFields {
  private ObjectFields() {}

  /** What a node of the tree is: its kind decides which sets it belongs to. */
  public enum Shape { LEAF, STRUCT, MAP, LIST, ELEMENT }

  public record Node(Shape shape, JsonElement value) {}

  /** Kubernetes' fieldmanager strips these before it computes any set. */
  private static final Set<String> UNOWNED_ROOT = Set.of("apiVersion", "kind", "status");
  private static final Set<String> UNOWNED_METADATA = Set.of("name", "namespace", "creationTimestamp", "selfLink",
      "uid", "generation", "managedFields", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds");

  /** Every node of {@code object} by path (the root left out), in document order. */
  public static Map<FieldPath, Node> nodes(JsonObject object, Descriptor type) {
    return nodes(object, type, "");
  }

  /**
   * The nodes a write through {@code subresource} can own: for the object itself ({@code ""})
   * everything but {@code status}; through {@code status} the status alone (the fields its
   * strategy resets are spec and metadata here: a status write keeps the stored ones).
   */
  public static Map<FieldPath, Node> nodes(JsonObject object, Descriptor type, String subresource) {
    boolean status = subresource.equals(Ownership.STATUS);
    Map<FieldPath, Node> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : object.entrySet()) {
      if (e.getValue().isJsonNull()) {
        continue;
      }
      if (status) {
        if (e.getKey().equals(Ownership.STATUS)) {
          walkField(FieldPath.fields(e.getKey()), e.getValue(), field(type, e.getKey()), out);
        }
        continue;
      }
      if (UNOWNED_ROOT.contains(e.getKey())) {
        continue;
      }
      FieldPath p = FieldPath.fields(e.getKey());
      if (e.getKey().equals("metadata") && e.getValue().isJsonObject()) {
        JsonObject meta = e.getValue().getAsJsonObject().deepCopy();
        UNOWNED_METADATA.forEach(meta::remove);
        if (meta.size() > 0) {
          walkField(p, meta, field(type, "metadata"), out);
        }
      } else {
        walkField(p, e.getValue(), field(type, e.getKey()), out);
      }
    }
    return out;
  }

  /**
   * The set an applier owns: what its configuration sets (leaves, atomic values) and each list-map
   * element it names (the {@code ".": {}} under {@code k:{...}}), never the structs and maps on the way.
   */
  public static FieldSet applied(JsonObject config, Descriptor type) {
    return FieldSet.of(nodes(config, type).entrySet().stream()
        .filter(e -> e.getValue().shape() == Shape.LEAF || e.getValue().shape() == Shape.ELEMENT)
        .map(Map.Entry::getKey).toList());
  }

  /** The path of a list-map element: its key fields, defaulted as the schema defaults them (protocol TCP). */
  public static PathElement.Key key(JsonObject element, FieldDescriptor list) {
    Map<String, JsonElement> fields = new TreeMap<>();
    Descriptor elementType = list.getMessageType();
    for (String k : PatchStrategies.listMapKeys(list).orElse(List.of())) {
      JsonElement v = element.get(k);
      if (v == null || v.isJsonNull()) {
        FieldDescriptor keyField = field(elementType, k);
        Optional<String> dflt = keyField == null ? Optional.empty() : PatchStrategies.keyDefault(keyField);
        if (dflt.isPresent()) {
          fields.put(k, new JsonPrimitive(dflt.get()));
        }
      } else {
        fields.put(k, v);
      }
    }
    return new PathElement.Key(fields);
  }

  /** The list-map keys of {@code f}, empty for a set of scalars, nothing for an atomic list or a non-list. */
  public static Optional<List<String>> listKeys(FieldDescriptor f) {
    return f == null || !f.isRepeated() || f.isMapField() ? Optional.empty() : PatchStrategies.listMapKeys(f);
  }

  /** Whether the value at {@code f} is owned whole: a scalar, an atomic map, list or struct, or a field the model does not know. */
  public static boolean isLeaf(FieldDescriptor f) {
    if (f == null || PatchStrategies.atomic(f)) {
      return true;
    }
    if (f.isMapField()) {
      return false;
    }
    if (f.isRepeated()) {
      return listKeys(f).isEmpty();
    }
    if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
      return true;
    }
    String t = f.getMessageType().getFullName();
    return t.equals(IntOrString.getDescriptor().getFullName()) || t.equals(Timestamp.getDescriptor().getFullName());
  }

  private static void walkField(FieldPath p, JsonElement v, FieldDescriptor f, Map<FieldPath, Node> out) {
    if (isLeaf(f) || (!v.isJsonObject() && !v.isJsonArray())) {
      out.put(p, new Node(Shape.LEAF, v));
      return;
    }
    if (f.isMapField()) {
      if (!v.isJsonObject()) {
        out.put(p, new Node(Shape.LEAF, v));
        return;
      }
      out.put(p, new Node(Shape.MAP, v));
      v.getAsJsonObject().entrySet().forEach(e ->
          out.put(p.child(new PathElement.Field(e.getKey())), new Node(Shape.LEAF, e.getValue())));
      return;
    }
    if (f.isRepeated()) {
      if (!v.isJsonArray()) {
        out.put(p, new Node(Shape.LEAF, v));
        return;
      }
      out.put(p, new Node(Shape.LIST, v));
      List<String> keys = listKeys(f).orElseThrow();
      for (JsonElement item : (JsonArray) v) {
        if (keys.isEmpty() || !item.isJsonObject()) {
          out.put(p.child(new PathElement.Value(item)), new Node(Shape.LEAF, item));
        } else {
          FieldPath at = p.child(key(item.getAsJsonObject(), f));
          out.put(at, new Node(Shape.ELEMENT, item));
          walkStruct(at, item.getAsJsonObject(), f.getMessageType(), out);
        }
      }
      return;
    }
    if (v.getAsJsonObject().size() == 0) {  // an empty struct ({@code resources: {}}) is a value of its own
      out.put(p, new Node(Shape.LEAF, v));
      return;
    }
    out.put(p, new Node(Shape.STRUCT, v));
    walkStruct(p, v.getAsJsonObject(), f.getMessageType(), out);
  }

  private static void walkStruct(FieldPath p, JsonObject o, Descriptor type, Map<FieldPath, Node> out) {
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      if (!e.getValue().isJsonNull()) {
        walkField(p.child(new PathElement.Field(e.getKey())), e.getValue(), field(type, e.getKey()), out);
      }
    }
  }

  /** The field a JSON name stands for in {@code type}, or null when the model does not know it. */
  public static FieldDescriptor field(Descriptor type, String jsonName) {
    if (type == null) {
      return null;
    }
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(jsonName)) {
        return f;
      }
    }
    return null;
  }
}
