package io.svclab.cli.manifest;

import com.google.gson.Gson;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.svclab.api.v1.IntOrString;
import io.svclab.client.resource.ResourceKind;
import io.svclab.client.resource.ResourceKinds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Kubernetes manifests (multi-document YAML or JSON, exactly as tutorials print them) to API
 * objects. Kubernetes' int-or-string fields ({@code targetPort: 80}, {@code maxSurge: 25%})
 * become svclab's {@code IntOrString}; fields svclab does not model are reported, as kubectl
 * reports unknown fields, and left out.
 */
public final class ManifestDecoder {
  private static final Gson GSON = new Gson();

  private ManifestDecoder() {}

  public static List<DecodedObject> decode(String text) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<DecodedObject> out = new ArrayList<>();
    int index = 0;
    for (Object doc : yaml.loadAll(text)) {
      index++;
      if (doc == null) {
        continue;
      }
      if (!(doc instanceof Map<?, ?> map)) {
        throw new IllegalArgumentException("json: cannot unmarshal " + (doc instanceof List ? "array" : doc instanceof String ? "string" : doc instanceof Boolean ? "bool" : "number")
            + " into Go value of type unstructured.detector");
      }
      Object kindName = map.get("kind");
      if (kindName == null) {
        throw new IllegalArgumentException("Object 'Kind' is missing in '" + GSON.toJson(map) + "'");
      }
      if ("List".equals(kindName) && map.get("items") instanceof List<?> items) {
        for (Object item : items) {
          out.addAll(decode(GSON.toJson(item)));
        }
        continue;
      }
      ResourceKind<?> kind = ResourceKinds.find(kindName.toString()).filter(k -> k.kind().equals(kindName))
          .orElseThrow(() -> new IllegalArgumentException("no matches for kind \"" + kindName + "\" in version \""
              + map.get("apiVersion") + "\""));
      List<String> unknown = new ArrayList<>();
      Object converted = convert(map, kind.prototype().getDescriptorForType(), "", unknown);
      Message.Builder b = kind.prototype().newBuilderForType();
      try {
        JsonFormat.parser().ignoringUnknownFields().merge(GSON.toJson(converted), b);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("document " + index + " (" + kindName + "): " + e.getMessage(), e);
      }
      out.add(new DecodedObject(kind, b.build(), unknown));
    }
    return out;
  }

  /** Walks the YAML value along the message descriptor: wraps int-or-strings, notes unknown fields. */
  private static Object convert(Object value, Descriptor type, String path, List<String> unknown) {
    if (type.getFullName().equals(IntOrString.getDescriptor().getFullName())) {
      if (value instanceof Number n) {
        return Map.of("number", n.intValue());
      }
      if (value instanceof String s) {
        return s.matches("-?\\d+") ? Map.of("number", Integer.parseInt(s)) : Map.of("name", s);
      }
      return value;
    }
    if (!(value instanceof Map<?, ?> map)) {
      return value;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      FieldDescriptor f = field(type, key);
      String childPath = path.isEmpty() ? key : path + "." + key;
      if (f == null) {
        unknown.add(childPath);
        continue;
      }
      Object v = e.getValue();
      if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {
        if (f.isRepeated() && v instanceof List<?> list) {
          List<Object> items = new ArrayList<>();
          for (Object item : list) {
            items.add(convert(item, f.getMessageType(), childPath + "[]", unknown));
          }
          v = items;
        } else {
          v = convert(v, f.getMessageType(), childPath, unknown);
        }
      } else if (f.isMapField() && v instanceof Map<?, ?> m) {
        Map<String, Object> strings = new LinkedHashMap<>();
        m.forEach((k, mv) -> strings.put(String.valueOf(k), mv == null ? "" : String.valueOf(mv)));
        v = strings;
      } else if (f.getJavaType() == FieldDescriptor.JavaType.STRING && v != null && !(v instanceof List)) {
        v = String.valueOf(v);
      }
      out.put(f.getJsonName(), v);
    }
    return out;
  }

  private static FieldDescriptor field(Descriptor type, String jsonName) {
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(jsonName) || f.getName().equals(jsonName)) {
        return f;
      }
    }
    return null;
  }
}
