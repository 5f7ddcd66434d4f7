package io.svclab.apiserver.ownership;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side apply's merge of a configuration into the live object, and its removal of fields
 * the applier stopped applying, as structured-merge-diff does them: structs and maps merged field
 * by field, list maps element by element (matched by their list-map keys, new ones appended), sets
 * of scalars as a union, atomic values replaced whole.
 */
public final class ApplyMerge {
  private ApplyMerge() {}

  /** A new object: {@code live} with {@code config} merged in (neither is changed). */
  public static JsonObject merge(JsonObject live, JsonObject config, Descriptor type) {
    return mergeStruct(live == null ? new JsonObject() : live, config, type);
  }

  private static JsonObject mergeStruct(JsonObject live, JsonObject config, Descriptor type) {
    JsonObject out = live.deepCopy();
    for (Map.Entry<String, JsonElement> e : config.entrySet()) {
      FieldDescriptor f = ObjectFields.field(type, e.getKey());
      JsonElement current = out.get(e.getKey());
      out.add(e.getKey(), mergeValue(current, e.getValue(), f));
    }
    return out;
  }

  private static JsonElement mergeValue(JsonElement live, JsonElement config, FieldDescriptor f) {
    if (live == null || live.isJsonNull() || config.isJsonNull() || ObjectFields.isLeaf(f)) {
      return config.deepCopy();
    }
    if (f.isMapField()) {
      if (!live.isJsonObject() || !config.isJsonObject()) {
        return config.deepCopy();
      }
      JsonObject out = live.getAsJsonObject().deepCopy();
      config.getAsJsonObject().entrySet().forEach(e -> out.add(e.getKey(), e.getValue().deepCopy()));
      return out;
    }
    if (f.isRepeated()) {
      if (!live.isJsonArray() || !config.isJsonArray()) {
        return config.deepCopy();
      }
      return mergeList(live.getAsJsonArray(), config.getAsJsonArray(), f);
    }
    if (!live.isJsonObject() || !config.isJsonObject()) {
      return config.deepCopy();
    }
    return mergeStruct(live.getAsJsonObject(), config.getAsJsonObject(), f.getMessageType());
  }

  private static JsonArray mergeList(JsonArray live, JsonArray config, FieldDescriptor f) {
    List<String> keys = ObjectFields.listKeys(f).orElseThrow();
    JsonArray out = live.deepCopy();
    for (JsonElement item : config) {
      int at = keys.isEmpty() || !item.isJsonObject() ? indexOfValue(out, item) : indexOfKey(out, item, f);
      if (at < 0) {
        out.add(item.deepCopy());
      } else if (!keys.isEmpty() && item.isJsonObject()) {
        out.set(at, mergeStruct(out.get(at).getAsJsonObject(), item.getAsJsonObject(), f.getMessageType()));
      }
    }
    return out;
  }

  private static int indexOfValue(JsonArray list, JsonElement v) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).equals(v)) {
        return i;
      }
    }
    return -1;
  }

  private static int indexOfKey(JsonArray list, JsonElement item, FieldDescriptor f) {
    PathElement.Key key = ObjectFields.key(item.getAsJsonObject(), f);
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).isJsonObject() && ObjectFields.key(list.get(i).getAsJsonObject(), f).equals(key)) {
        return i;
      }
    }
    return -1;
  }

  /** A new object: {@code object} without the fields at {@code paths} (a list element goes whole). */
  public static JsonObject remove(JsonObject object, FieldSet paths, Descriptor type) {
    JsonObject out = object.deepCopy();
    for (FieldPath p : paths.paths()) {
      removePath(out, p.elements(), type);
    }
    return out;
  }

  private static void removePath(JsonElement at, List<PathElement> path, Descriptor type) {
    if (path.isEmpty() || !(path.get(0) instanceof PathElement.Field field) || !at.isJsonObject()) {
      return;
    }
    JsonObject o = at.getAsJsonObject();
    FieldDescriptor f = ObjectFields.field(type, field.name());
    JsonElement child = o.get(field.name());
    if (child == null) {
      return;
    }
    if (path.size() == 1) {
      o.remove(field.name());
      return;
    }
    PathElement next = path.get(1);
    if (child.isJsonArray() && f != null) {
      JsonArray list = child.getAsJsonArray();
      for (int i = 0; i < list.size(); i++) {
        JsonElement item = list.get(i);
        boolean match = next instanceof PathElement.Value v ? item.equals(v.value())
            : next instanceof PathElement.Key k && item.isJsonObject() && ObjectFields.key(item.getAsJsonObject(), f).equals(k);
        if (match) {
          if (path.size() == 2) {
            list.remove(i);
          } else {
            removePath(item, path.subList(2, path.size()), f.getMessageType());
          }
          break;
        }
      }
      if (list.isEmpty()) {
        o.remove(field.name());
      }
      return;
    }
    Descriptor childType = f != null && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()
        ? f.getMessageType() : null;
    removePath(child, path.subList(1, path.size()), childType);
    if (child.isJsonObject() && child.getAsJsonObject().size() == 0 && Optional.ofNullable(f).map(FieldDescriptor::isMapField).orElse(false)) {
      o.remove(field.name());
    }
  }
}
