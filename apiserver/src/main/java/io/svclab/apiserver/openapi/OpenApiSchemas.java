package io.svclab.apiserver.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.FieldsV1;
import io.svclab.api.v1.IntOrString;
import io.svclab.client.json.PatchStrategies;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The schemas of the API model, one per message under its Kubernetes name, for both OpenAPI documents:
 * types and formats from the proto descriptors, descriptions and required fields from {@link TypeDoc}s,
 * {@code x-kubernetes-patch-strategy} / {@code x-kubernetes-patch-merge-key} from
 * {@link PatchStrategies}, {@code x-kubernetes-group-version-kind} for the kinds. v2 references a type
 * as {@code {"$ref": "#/definitions/N"}}, v3 as {@code {"allOf": [{"$ref": "#/components/schemas/N"}]}},
 * as kube-apiserver writes them.
 */
public final class OpenApiSchemas {
  /** Which document the schemas are for. */
  public enum Flavor {
    V2("#/definitions/"), V3("#/components/schemas/");

    private final String refPrefix;

    Flavor(String refPrefix) {
      this.refPrefix = refPrefix;
    }
  }

  /** A kind's group, version and Kind, for {@code x-kubernetes-group-version-kind}. */
  public record Gvk(String group, String version, String kind) {
    public JsonObject json() {
      JsonObject g = new JsonObject();
      g.addProperty("group", group);
      g.addProperty("kind", kind);
      g.addProperty("version", version);
      return g;
    }
  }

  private final Flavor flavor;
  private final Function<String, TypeDoc> docs;
  private final Function<Descriptor, Optional<Gvk>> kinds;

  /**
   * @param docs Kubernetes' documentation by definition name
   * @param kinds the group/version/kind a top-level message is served as, empty for the others
   */
  public OpenApiSchemas(Flavor flavor, Function<String, TypeDoc> docs, Function<Descriptor, Optional<Gvk>> kinds) {
    this.flavor = flavor;
    this.docs = docs;
    this.kinds = kinds;
  }

  /** Every schema the given top-level messages reach, by definition name, sorted. */
  public Map<String, JsonObject> definitions(Collection<Descriptor> roots) {
    Map<String, Descriptor> reached = new TreeMap<>();
    roots.forEach(d -> collect(d, reached));
    Map<String, JsonObject> out = new TreeMap<>();
    reached.forEach((name, d) -> out.put(name, schema(d)));
    if (reached.values().stream().anyMatch(OpenApiSchemas::usesIntOrString)) {
      JsonObject s = new JsonObject();
      s.addProperty("format", "int-or-string");
      s.addProperty("type", "string");
      out.put(KubeDefinitions.INT_OR_STRING, s);
    }
    return out;
  }

  /** A reference to a definition, as a field's or an item's schema. */
  public JsonObject ref(String definition) {
    JsonObject ref = new JsonObject();
    ref.addProperty("$ref", flavor.refPrefix + definition);
    if (flavor == Flavor.V2) {
      return ref;
    }
    JsonObject s = new JsonObject();
    JsonArray all = new JsonArray();
    all.add(ref);
    s.add("allOf", all);
    return s;
  }

  private static boolean usesIntOrString(Descriptor d) {
    return d.getFields().stream().anyMatch(f -> f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
        && f.getMessageType().getFullName().equals(IntOrString.getDescriptor().getFullName()));
  }

  private static boolean inline(Descriptor d) {
    return d.getFullName().equals(IntOrString.getDescriptor().getFullName())
        || d.getFullName().equals(Timestamp.getDescriptor().getFullName())
        || d.getFullName().equals(FieldsV1.getDescriptor().getFullName());
  }

  private static void collect(Descriptor d, Map<String, Descriptor> into) {
    if (inline(d) || into.containsKey(KubeDefinitions.name(d))) {
      return;
    }
    into.put(KubeDefinitions.name(d), d);
    for (FieldDescriptor f : d.getFields()) {
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {
        collect(f.getMessageType(), into);
      }
    }
  }

  /** The schema of one message: its description, properties, required fields and, for a kind, its GVK. */
  public JsonObject schema(Descriptor d) {
    TypeDoc doc = docs.apply(KubeDefinitions.name(d));
    JsonObject s = new JsonObject();
    if (!doc.description().isEmpty()) {
      s.addProperty("description", doc.description());
    }
    JsonObject props = new JsonObject();
    for (FieldDescriptor f : d.getFields()) {
      JsonObject p = fieldSchema(f);
      String text = doc.fields().get(f.getJsonName());
      if (text != null) {
        p.addProperty("description", text);
      }
      props.add(f.getJsonName(), p);
    }
    s.add("properties", props);
    JsonArray required = new JsonArray();
    d.getFields().stream().map(FieldDescriptor::getJsonName).filter(doc.required()::contains).sorted()
        .forEach(required::add);
    if (!required.isEmpty()) {
      s.add("required", required);
    }
    s.addProperty("type", "object");
    kinds.apply(d).ifPresent(gvk -> {
      JsonArray a = new JsonArray();
      a.add(gvk.json());
      s.add("x-kubernetes-group-version-kind", a);
    });
    return s;
  }

  private JsonObject fieldSchema(FieldDescriptor f) {
    if (f.isMapField()) {
      JsonObject s = new JsonObject();
      s.addProperty("type", "object");
      JsonObject v = new JsonObject();
      v.addProperty("type", "string");
      if (flavor == Flavor.V3) {
        v.addProperty("default", "");
      }
      s.add("additionalProperties", v);
      return s;
    }
    JsonObject one = valueSchema(f);
    if (!f.isRepeated()) {
      return one;
    }
    JsonObject s = new JsonObject();
    s.addProperty("type", "array");
    s.add("items", one);
    PatchStrategies.mergeKey(f).ifPresent(key -> {
      if (!key.isEmpty()) {
        s.addProperty("x-kubernetes-patch-merge-key", key);
      }
      s.addProperty("x-kubernetes-patch-strategy", "merge");
    });
    return s;
  }

  private JsonObject valueSchema(FieldDescriptor f) {
    JsonObject s = new JsonObject();
    switch (f.getJavaType()) {
      case INT -> {
        s.addProperty("type", "integer");
        s.addProperty("format", "int32");
      }
      case LONG -> {
        s.addProperty("type", "integer");
        s.addProperty("format", "int64");
      }
      case FLOAT, DOUBLE -> {
        s.addProperty("type", "number");
        s.addProperty("format", "double");
      }
      case BOOLEAN -> s.addProperty("type", "boolean");
      case BYTE_STRING -> {
        s.addProperty("type", "string");
        s.addProperty("format", "byte");
      }
      case MESSAGE -> {
        Descriptor d = f.getMessageType();
        if (d.getFullName().equals(Timestamp.getDescriptor().getFullName())) {
          s.addProperty("type", "string");
          s.addProperty("format", "date-time");
        } else if (d.getFullName().equals(IntOrString.getDescriptor().getFullName())) {
          s = ref(KubeDefinitions.INT_OR_STRING);
        } else if (d.getFullName().equals(FieldsV1.getDescriptor().getFullName())) {
          s.addProperty("type", "object");  // free-form, as metav1.FieldsV1's schema
        } else {
          s = ref(KubeDefinitions.name(d));
          if (flavor == Flavor.V3) {
            s.add("default", new JsonObject());
          }
        }
      }
      default -> s.addProperty("type", "string");
    }
    return s;
  }
}
