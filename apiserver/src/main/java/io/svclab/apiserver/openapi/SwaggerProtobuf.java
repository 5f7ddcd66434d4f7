package io.svclab.apiserver.openapi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.List;
import org.openapi_v2.Document;

/**
 * A Swagger 2.0 document (JSON) as gnostic's {@code openapi_v2.Document}, the protobuf form
 * kube-apiserver serves {@code /openapi/v2} in and client-go reads (kubectl's
 * {@code explain --output=plaintext-openapiv2}). gnostic's mapping, walked over the message
 * descriptors: a key is the field of the same JSON name ({@code $ref} is {@code _ref}), an
 * {@code x-} key a {@code vendor_extension} whose value is carried as YAML text (JSON is YAML),
 * a map a list of {@code Named*} pairs, {@code type} and {@code items} always lists, and the
 * one-of wrappers (parameters by {@code in}, references by {@code $ref}, additionalProperties a
 * bool or a schema) chosen as gnostic's compiler chooses them.
 */
public final class SwaggerProtobuf {
  private SwaggerProtobuf() {}

  public static Document document(JsonObject swagger) {
    Document.Builder b = Document.newBuilder();
    fill(b, swagger);
    return b.build();
  }

  private static void fill(Message.Builder b, JsonObject o) {
    Descriptor d = b.getDescriptorForType();
    FieldDescriptor extensions = d.findFieldByName("vendor_extension");
    FieldDescriptor named = namedPairs(d);
    // a map's wrapper (Definitions, Properties, Paths, Responses): every other key is an entry
    boolean map = named != null && d.getFields().stream().allMatch(f -> f == named || f == extensions);
    for (var e : o.entrySet()) {
      String key = e.getKey();
      JsonElement v = e.getValue();
      if (v.isJsonNull()) {
        continue;
      }
      if (key.startsWith("x-") && extensions != null) {
        b.addRepeatedField(extensions, pair(b, extensions, key, v));
        continue;
      }
      if (map) {
        b.addRepeatedField(named, pair(b, named, key, v));
        continue;
      }
      FieldDescriptor f = key.equals("$ref") ? d.findFieldByName("_ref") : byJsonName(d, key);
      if (f == null) {
        continue;  // a key gnostic's model has no place for
      }
      set(b, f, v);
    }
  }

  /** The repeated {@code Named*} field that holds a map's entries (definitions, properties, paths, responses). */
  private static FieldDescriptor namedPairs(Descriptor d) {
    for (FieldDescriptor f : d.getFields()) {
      if (f.isRepeated() && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE
          && f.getMessageType().getName().startsWith("Named") && !f.getName().equals("vendor_extension")) {
        return f;
      }
    }
    return null;
  }

  private static FieldDescriptor byJsonName(Descriptor d, String key) {
    for (FieldDescriptor f : d.getFields()) {
      if (f.getJsonName().equals(key) && !f.getName().startsWith("_")) {
        return f;
      }
    }
    return null;
  }

  private static Message pair(Message.Builder parent, FieldDescriptor f, String name, JsonElement value) {
    Message.Builder p = parent.newBuilderForField(f);
    Descriptor d = p.getDescriptorForType();
    p.setField(d.findFieldByName("name"), name);
    FieldDescriptor vf = d.findFieldByName("value");
    p.setField(vf, vf.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? message(p, vf, value) : scalar(vf, value));
    return p.build();
  }

  private static void set(Message.Builder b, FieldDescriptor f, JsonElement v) {
    if (f.isRepeated()) {
      List<JsonElement> items = v.isJsonArray() ? ((JsonArray) v).asList() : List.of(v);
      for (JsonElement item : items) {
        b.addRepeatedField(f, f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? message(b, f, item) : scalar(f, item));
      }
    } else {
      b.setField(f, f.getJavaType() == FieldDescriptor.JavaType.MESSAGE ? message(b, f, v) : scalar(f, v));
    }
  }

  private static Object scalar(FieldDescriptor f, JsonElement v) {
    return switch (f.getJavaType()) {
      case BOOLEAN -> v.getAsBoolean();
      case DOUBLE -> v.getAsDouble();
      case LONG -> v.getAsLong();
      default -> v.isJsonPrimitive() ? v.getAsString() : v.toString();
    };
  }

  private static Message message(Message.Builder parent, FieldDescriptor f, JsonElement v) {
    Message.Builder m = parent.newBuilderForField(f);
    Descriptor d = m.getDescriptorForType();
    switch (d.getName()) {
      case "Any" -> m.setField(d.findFieldByName("yaml"), v.toString() + "\n");
      case "TypeItem", "StringArray" -> set(m, d.findFieldByName("value"), v);
      case "ItemsItem" -> set(m, d.findFieldByName("schema"), v);
      case "AdditionalPropertiesItem" -> {
        if (v.isJsonPrimitive()) {
          m.setField(d.findFieldByName("boolean"), v.getAsBoolean());
        } else {
          set(m, d.findFieldByName("schema"), v);
        }
      }
      case "ParametersItem" -> set(m, d.findFieldByName(isReference(v) ? "json_reference" : "parameter"), v);
      case "ResponseValue" -> set(m, d.findFieldByName(isReference(v) ? "json_reference" : "response"), v);
      case "Parameter" -> set(m, d.findFieldByName(in(v).equals("body") ? "body_parameter" : "non_body_parameter"), v);
      case "NonBodyParameter" -> set(m, d.findFieldByName(switch (in(v)) {
        case "header" -> "header_parameter_sub_schema";
        case "formData" -> "form_data_parameter_sub_schema";
        case "path" -> "path_parameter_sub_schema";
        default -> "query_parameter_sub_schema";
      }), v);
      case "SchemaItem" -> set(m, d.findFieldByName(type(v).equals("file") ? "file_schema" : "schema"), v);
      default -> {
        if (v.isJsonObject()) {
          fill(m, v.getAsJsonObject());
        }
      }
    }
    return m.build();
  }

  private static boolean isReference(JsonElement v) {
    return v.isJsonObject() && v.getAsJsonObject().has("$ref");
  }

  private static String in(JsonElement v) {
    JsonElement in = v.isJsonObject() ? v.getAsJsonObject().get("in") : null;
    return in != null && in.isJsonPrimitive() ? in.getAsString() : "";
  }

  private static String type(JsonElement v) {
    JsonElement t = v.isJsonObject() ? v.getAsJsonObject().get("type") : null;
    return t != null && t.isJsonPrimitive() ? t.getAsString() : "";
  }
}
