package io.svclab.client.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The three patch formats kubectl sends, as pure functions over JSON trees: JSON merge patch
 * (RFC 7386), Kubernetes' strategic merge patch (lists with a merge key merged element by element,
 * {@code $patch}, {@code $deleteFromPrimitiveList}, {@code $setElementOrder}, {@code $retainKeys}),
 * and JSON patch (RFC 6902).
 */
public final class JsonPatches {
  private JsonPatches() {}

  // ---------------- merge patch ----------------

  public static JsonElement merge(JsonElement target, JsonElement patch) {
    if (!patch.isJsonObject()) {
      return patch.deepCopy();
    }
    JsonObject out = target != null && target.isJsonObject() ? target.getAsJsonObject().deepCopy() : new JsonObject();
    for (Map.Entry<String, JsonElement> e : patch.getAsJsonObject().entrySet()) {
      if (e.getValue().isJsonNull()) {
        out.remove(e.getKey());
      } else {
        out.add(e.getKey(), merge(out.get(e.getKey()), e.getValue()));
      }
    }
    return out;
  }

  // ---------------- strategic merge patch ----------------

  /** {@code type} is the message the object at this level maps to (its fields give the merge keys). */
  public static JsonElement strategic(JsonElement target, JsonElement patch, Descriptor type) {
    if (!patch.isJsonObject()) {
      return patch.deepCopy();
    }
    JsonObject p = patch.getAsJsonObject();
    JsonElement directive = p.get("$patch");
    if (directive != null) {
      switch (directive.getAsString()) {
        case "replace": {
          JsonObject replaced = p.deepCopy();
          replaced.remove("$patch");
          return replaced;
        }
        case "delete":
          return JsonNull.INSTANCE;
        default:
          break;
      }
    }
    JsonObject out = target != null && target.isJsonObject() ? target.getAsJsonObject().deepCopy() : new JsonObject();
    JsonElement retain = p.get("$retainKeys");
    for (Map.Entry<String, JsonElement> e : p.entrySet()) {
      String key = e.getKey();
      JsonElement value = e.getValue();
      if (key.equals("$patch") || key.equals("$retainKeys") || key.startsWith("$setElementOrder/")) {
        continue;
      }
      if (key.startsWith("$deleteFromPrimitiveList/")) {
        String field = key.substring("$deleteFromPrimitiveList/".length());
        if (out.get(field) instanceof JsonArray list && value.isJsonArray()) {
          JsonArray kept = new JsonArray();
          list.forEach(v -> {
            if (!contains(value.getAsJsonArray(), v)) {
              kept.add(v);
            }
          });
          out.add(field, kept);
        }
        continue;
      }
      if (value.isJsonNull()) {
        out.remove(key);
        continue;
      }
      FieldDescriptor f = type == null ? null : field(type, key);
      Descriptor childType = f != null && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()
          ? f.getMessageType() : null;
      if (value.isJsonArray() && f != null && f.isRepeated() && !f.isMapField()) {
        Optional<String> mergeKey = PatchStrategies.mergeKey(f);
        out.add(key, mergeKey.isEmpty() ? stripDirectives(value.getAsJsonArray())
            : mergeList(out.get(key), value.getAsJsonArray(), mergeKey.get(), childType));
      } else {
        JsonElement merged = strategic(out.get(key), value, childType);
        if (merged.isJsonNull()) {
          out.remove(key);
        } else {
          out.add(key, merged);
        }
      }
    }
    if (retain != null && retain.isJsonArray()) {
      Set<String> keep = new HashSet<>();
      retain.getAsJsonArray().forEach(k -> keep.add(k.getAsString()));
      out.keySet().removeIf(k -> !keep.contains(k));
    }
    return out;
  }

  private static JsonArray mergeList(JsonElement current, JsonArray patch, String mergeKey, Descriptor elementType) {
    JsonArray out = current != null && current.isJsonArray() ? current.getAsJsonArray().deepCopy() : new JsonArray();
    if (mergeKey.isEmpty()) {  // a merged list of scalars: union
      for (JsonElement v : patch) {
        if (!contains(out, v)) {
          out.add(v);
        }
      }
      return out;
    }
    for (JsonElement item : patch) {
      if (!item.isJsonObject()) {
        continue;
      }
      JsonObject o = item.getAsJsonObject();
      if (o.has("$patch") && o.get("$patch").getAsString().equals("replace")) {
        return stripDirectives(patch);
      }
      JsonElement keyValue = o.get(mergeKey);
      int at = indexOf(out, mergeKey, keyValue);
      if (o.has("$patch") && o.get("$patch").getAsString().equals("delete")) {
        if (at >= 0) {
          out.remove(at);
        }
      } else if (at >= 0) {
        out.set(at, strategic(out.get(at), o, elementType));
      } else {
        out.add(strategic(new JsonObject(), o, elementType));
      }
    }
    return out;
  }

  private static JsonArray stripDirectives(JsonArray list) {
    JsonArray out = new JsonArray();
    for (JsonElement e : list) {
      if (e.isJsonObject()) {
        JsonObject o = e.getAsJsonObject().deepCopy();
        o.remove("$patch");
        out.add(o);
      } else {
        out.add(e);
      }
    }
    return out;
  }

  private static int indexOf(JsonArray list, String key, JsonElement value) {
    for (int i = 0; i < list.size(); i++) {
      JsonElement e = list.get(i);
      if (e.isJsonObject() && java.util.Objects.equals(e.getAsJsonObject().get(key), value)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean contains(JsonArray list, JsonElement v) {
    for (JsonElement e : list) {
      if (e.equals(v)) {
        return true;
      }
    }
    return false;
  }

  private static FieldDescriptor field(Descriptor type, String jsonName) {
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(jsonName)) {
        return f;
      }
    }
    return null;
  }

  // ---------------- JSON patch ----------------

  /** RFC 6902: add, remove, replace, move, copy, test, applied in order to a copy. */
  public static JsonElement jsonPatch(JsonElement target, JsonArray ops) {
    JsonElement doc = target.deepCopy();
    for (JsonElement opElement : ops) {
      if (!opElement.isJsonObject() || !opElement.getAsJsonObject().has("op")) {
        throw new KubeJsonException("invalid JSON patch operation: " + opElement);
      }
      JsonObject op = opElement.getAsJsonObject();
      String path = string(op, "path");
      switch (op.get("op").getAsString()) {
        case "add" -> doc = add(doc, path, value(op));
        case "remove" -> doc = remove(doc, path);
        case "replace" -> doc = add(remove(doc, path), path, value(op));
        case "move" -> {
          String from = string(op, "from");
          JsonElement v = get(doc, from);
          doc = add(remove(doc, from), path, v);
        }
        case "copy" -> doc = add(doc, path, get(doc, string(op, "from")).deepCopy());
        case "test" -> {
          if (!get(doc, path).equals(value(op))) {
            throw new KubeJsonException("testing value " + path + " failed");
          }
        }
        default -> throw new KubeJsonException("Unexpected kind: " + op.get("op").getAsString());
      }
    }
    return doc;
  }

  private static String string(JsonObject op, String name) {
    JsonElement v = op.get(name);
    if (v == null || !v.isJsonPrimitive()) {
      throw new KubeJsonException("JSON patch operation " + op + " has no \"" + name + "\"");
    }
    return v.getAsString();
  }

  private static JsonElement value(JsonObject op) {
    if (!op.has("value")) {
      throw new KubeJsonException("JSON patch operation " + op + " has no \"value\"");
    }
    return op.get("value");
  }

  private static List<String> tokens(String pointer) {
    List<String> out = new ArrayList<>();
    if (pointer.isEmpty()) {
      return out;
    }
    if (!pointer.startsWith("/")) {
      throw new KubeJsonException("invalid JSON pointer: " + pointer);
    }
    for (String t : pointer.substring(1).split("/", -1)) {
      out.add(t.replace("~1", "/").replace("~0", "~"));
    }
    return out;
  }

  private static JsonElement get(JsonElement doc, String pointer) {
    JsonElement cur = doc;
    for (String t : tokens(pointer)) {
      cur = child(cur, t, pointer);
    }
    return cur;
  }

  private static JsonElement child(JsonElement cur, String token, String pointer) {
    if (cur != null && cur.isJsonObject() && cur.getAsJsonObject().has(token)) {
      return cur.getAsJsonObject().get(token);
    }
    if (cur != null && cur.isJsonArray() && token.matches("\\d+") && Integer.parseInt(token) < cur.getAsJsonArray().size()) {
      return cur.getAsJsonArray().get(Integer.parseInt(token));
    }
    throw new KubeJsonException("doc is missing path: \"" + pointer + "\"");
  }

  private static JsonElement add(JsonElement doc, String pointer, JsonElement value) {
    List<String> t = tokens(pointer);
    if (t.isEmpty()) {
      return value.deepCopy();
    }
    JsonElement parent = doc;
    for (String s : t.subList(0, t.size() - 1)) {
      parent = child(parent, s, pointer);
    }
    String last = t.get(t.size() - 1);
    if (parent.isJsonObject()) {
      parent.getAsJsonObject().add(last, value.deepCopy());
    } else if (parent.isJsonArray()) {
      JsonArray a = parent.getAsJsonArray();
      int i = last.equals("-") ? a.size() : index(last, a.size() + 1, pointer);
      List<JsonElement> items = new ArrayList<>(a.asList());
      items.add(i, value.deepCopy());
      while (a.size() > 0) {
        a.remove(a.size() - 1);
      }
      items.forEach(a::add);
    } else {
      throw new KubeJsonException("doc is missing path: \"" + pointer + "\"");
    }
    return doc;
  }

  private static JsonElement remove(JsonElement doc, String pointer) {
    List<String> t = tokens(pointer);
    if (t.isEmpty()) {
      return new JsonObject();
    }
    JsonElement parent = doc;
    for (String s : t.subList(0, t.size() - 1)) {
      parent = child(parent, s, pointer);
    }
    String last = t.get(t.size() - 1);
    child(parent, last, pointer);
    if (parent.isJsonObject()) {
      parent.getAsJsonObject().remove(last);
    } else {
      parent.getAsJsonArray().remove(index(last, parent.getAsJsonArray().size(), pointer));
    }
    return doc;
  }

  private static int index(String token, int bound, String pointer) {
    if (!token.matches("\\d+") || Integer.parseInt(token) >= bound) {
      throw new KubeJsonException("doc is missing path: \"" + pointer + "\"");
    }
    return Integer.parseInt(token);
  }

}
