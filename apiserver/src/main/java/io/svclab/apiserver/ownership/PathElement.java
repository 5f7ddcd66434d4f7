package io.svclab.apiserver.ownership;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One step of a field path, as structured-merge-diff names it: a field or map key
 * ({@code f:spec}, printed {@code .spec}), a list-map element by its keys
 * ({@code k:{"port":80,"protocol":"TCP"}}, printed {@code [port=80,protocol="TCP"]}) or an element
 * of a set of scalars ({@code v:"a"}, printed {@code [="a"]}). Ordered as SMD orders them: fields,
 * then keys, then values.
 */
public sealed interface PathElement extends Comparable<PathElement> {

  /** The FieldsV1 key. */
  String serialized();

  /** How a conflict message prints it. */
  String printed();

  private int rank() {
    return this instanceof Field ? 0 : this instanceof Key ? 1 : 2;
  }

  @Override
  default int compareTo(PathElement o) {
    int byRank = Integer.compare(rank(), o.rank());
    return byRank != 0 ? byRank : sortKey().compareTo(o.sortKey());
  }

  private String sortKey() {
    return this instanceof Field f ? f.name() : serialized();
  }

  record Field(String name) implements PathElement {
    @Override public String serialized() { return "f:" + name; }
    @Override public String printed() { return "." + name; }
  }

  /** A list-map element; {@code fields} are kept sorted by name, as SMD sorts a key's fields. */
  record Key(Map<String, JsonElement> fields) implements PathElement {
    public Key {
      fields = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(fields));
    }

    @Override public String serialized() {
      JsonObject o = new JsonObject();
      fields.forEach(o::add);
      return "k:" + o;
    }

    @Override public String printed() {
      return fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(",", "[", "]"));
    }
  }

  record Value(JsonElement value) implements PathElement {
    @Override public String serialized() { return "v:" + value; }
    @Override public String printed() { return "[=" + value + "]"; }
  }

  /** The element a FieldsV1 key names; IllegalArgumentException for anything else. */
  static PathElement parse(String serialized) {
    if (serialized.startsWith("f:")) {
      return new Field(serialized.substring(2));
    }
    if (serialized.startsWith("k:")) {
      JsonObject o = JsonParser.parseString(serialized.substring(2)).getAsJsonObject();
      return new Key(o.asMap());
    }
    if (serialized.startsWith("v:")) {
      return new Value(JsonParser.parseString(serialized.substring(2)));
    }
    throw new IllegalArgumentException("unknown field path element " + serialized);
  }
}
