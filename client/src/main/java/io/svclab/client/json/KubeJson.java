package io.svclab.client.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.MapEntry;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import io.svclab.api.v1.FieldsV1;
import io.svclab.api.v1.IntOrString;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Kubernetes' JSON for svclab's protobuf objects, both ways, walked off the message descriptors
 * (field names are the protos' json_name): int64 as JSON numbers, {@code IntOrString} as {@code 80}
 * or {@code "http"}, times as RFC 3339 with second precision (MicroTime fields with microseconds),
 * and Go's {@code omitempty}: a zero scalar without presence is left out, except the few fields
 * Kubernetes declares without omitempty. Decoding names every field the model does not know the way
 * Kubernetes' strict decoder does ({@code spec.ports[0].foo}) so the caller can reject or warn.
 */
public final class KubeJson {
  private KubeJson() {}

  private static final String INT_OR_STRING = IntOrString.getDescriptor().getFullName();
  private static final String TIMESTAMP = Timestamp.getDescriptor().getFullName();
  private static final String FIELDS_V1 = FieldsV1.getDescriptor().getFullName();
  private static final String PKG = "svclab.api.v1.";

  /** Kubernetes fields declared without omitempty: printed even when zero. */
  private static final Set<String> ALWAYS_PRINTED = Set.of(
      PKG + "ContainerStatus.ready", PKG + "ContainerStatus.restart_count", PKG + "ServicePort.port",
      PKG + "ContainerPort.container_port", PKG + "EndpointPort.port", PKG + "ReplicaSetStatus.replicas",
      PKG + "ScaleStatus.replicas", PKG + "PortStatus.port");

  /** metav1.MicroTime fields: RFC 3339 with six fractional digits. */
  private static final Set<String> MICRO_TIMES = Set.of(
      PKG + "Event.event_time", PKG + "LeaseSpec.acquire_time", PKG + "LeaseSpec.renew_time",
      PKG + "EventsV1Event.event_time", PKG + "EventSeries.last_observed_time");

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
      .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
      .withZone(ZoneOffset.UTC);

  /** A decoded object and the paths of the fields that were not part of the model (dropped). */
  public record Decoded<T extends Message>(T object, List<String> unknownFields) {}

  // ---------------- encode ----------------

  public static String print(Message m) {
    return encode(m).toString();
  }

  public static JsonObject encode(Message m) {
    JsonObject out = new JsonObject();
    for (FieldDescriptor f : m.getDescriptorForType().getFields()) {
      JsonElement v = encodeField(m, f);
      if (v != null) {
        out.add(f.getJsonName(), v);
      }
    }
    return out;
  }

  private static JsonElement encodeField(Message m, FieldDescriptor f) {
    if (f.isMapField()) {
      @SuppressWarnings("unchecked")
      List<MapEntry<Object, Object>> entries = (List<MapEntry<Object, Object>>) m.getField(f);
      if (entries.isEmpty()) {
        return null;
      }
      JsonObject map = new JsonObject();
      Map<String, Object> sorted = new TreeMap<>();  // Go prints map keys sorted
      entries.forEach(e -> sorted.put(String.valueOf(e.getKey()), e.getValue()));
      FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
      sorted.forEach((k, v) -> map.add(k, encodeValue(valueField, v)));
      return map;
    }
    if (f.isRepeated()) {
      int n = m.getRepeatedFieldCount(f);
      if (n == 0) {
        return null;
      }
      JsonArray arr = new JsonArray(n);
      for (int i = 0; i < n; i++) {
        arr.add(encodeValue(f, m.getRepeatedField(f, i)));
      }
      return arr;
    }
    if (f.hasPresence()) {
      return m.hasField(f) ? encodeValue(f, m.getField(f)) : null;
    }
    Object v = m.getField(f);
    if (isZero(f, v) && !ALWAYS_PRINTED.contains(f.getFullName())) {
      return null;
    }
    return encodeValue(f, v);
  }

  private static boolean isZero(FieldDescriptor f, Object v) {
    return switch (f.getJavaType()) {
      case INT, LONG, FLOAT, DOUBLE -> ((Number) v).doubleValue() == 0;
      case BOOLEAN -> !(Boolean) v;
      case STRING -> ((String) v).isEmpty();
      case BYTE_STRING -> ((ByteString) v).isEmpty();
      case ENUM -> ((EnumValueDescriptor) v).getNumber() == 0;
      case MESSAGE -> false;
    };
  }

  private static JsonElement encodeValue(FieldDescriptor f, Object v) {
    return switch (f.getJavaType()) {
      case INT, LONG, FLOAT, DOUBLE -> new JsonPrimitive((Number) v);
      case BOOLEAN -> new JsonPrimitive((Boolean) v);
      case STRING -> new JsonPrimitive((String) v);
      case BYTE_STRING -> new JsonPrimitive(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
      case ENUM -> new JsonPrimitive(((EnumValueDescriptor) v).getName());
      case MESSAGE -> encodeMessage(f, (Message) v);
    };
  }

  private static JsonElement encodeMessage(FieldDescriptor f, Message v) {
    String type = v.getDescriptorForType().getFullName();
    if (type.equals(INT_OR_STRING)) {
      IntOrString i = (IntOrString) v;
      return i.getValueCase() == IntOrString.ValueCase.NAME ? new JsonPrimitive(i.getName())
          : new JsonPrimitive(i.getNumber());
    }
    if (type.equals(TIMESTAMP)) {
      return new JsonPrimitive(formatTime((Timestamp) v, MICRO_TIMES.contains(f.getFullName())));
    }
    if (type.equals(FIELDS_V1)) {  // metav1.FieldsV1 marshals as its raw JSON
      String raw = ((FieldsV1) v).getRaw();
      return raw.isEmpty() ? new JsonObject() : JsonParser.parseString(raw);
    }
    return encode(v);
  }

  /** {@code 2024-01-02T03:04:05Z}, or with microseconds for MicroTime fields. */
  public static String formatTime(Timestamp t, boolean micro) {
    Instant i = Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    return micro ? MICROS.format(i.truncatedTo(ChronoUnit.MICROS)) : SECONDS.format(i);
  }

  // ---------------- decode ----------------

  public static <T extends Message> Decoded<T> decode(String json, T prototype) {
    JsonElement tree;
    try {
      tree = JsonParser.parseString(json);
    } catch (RuntimeException e) {
      throw new KubeJsonException("invalid JSON: " + rootCause(e).getMessage());
    }
    return decode(tree, prototype);
  }

  @SuppressWarnings("unchecked")
  public static <T extends Message> Decoded<T> decode(JsonElement json, T prototype) {
    if (!json.isJsonObject()) {
      throw new KubeJsonException("json: cannot unmarshal " + jsonType(json) + " into Go value of type "
          + prototype.getDescriptorForType().getName());
    }
    List<String> unknown = new ArrayList<>();
    Message.Builder b = prototype.newBuilderForType();
    decodeInto(json.getAsJsonObject(), b, "", unknown);
    return new Decoded<>((T) b.build(), List.copyOf(unknown));
  }

  private static void decodeInto(JsonObject json, Message.Builder b, String path, List<String> unknown) {
    Descriptor type = b.getDescriptorForType();
    for (Map.Entry<String, JsonElement> e : json.entrySet()) {
      String name = e.getKey();
      String childPath = path.isEmpty() ? name : path + "." + name;
      FieldDescriptor f = field(type, name);
      if (f == null) {
        unknown.add(childPath);
        continue;
      }
      JsonElement v = e.getValue();
      if (v == null || v.isJsonNull()) {
        continue;
      }
      if (f.isMapField()) {
        if (!v.isJsonObject()) {
          throw mismatch(v, type, childPath, "map[string]string");
        }
        FieldDescriptor keyField = f.getMessageType().findFieldByName("key");
        FieldDescriptor valueField = f.getMessageType().findFieldByName("value");
        for (Map.Entry<String, JsonElement> me : v.getAsJsonObject().entrySet()) {
          Message.Builder entry = b.newBuilderForField(f);
          entry.setField(keyField, me.getKey());
          if (!me.getValue().isJsonNull()) {
            entry.setField(valueField, decodeValue(valueField, entry, me.getValue(), childPath, unknown));
          }
          b.addRepeatedField(f, entry.build());
        }
      } else if (f.isRepeated()) {
        if (!v.isJsonArray()) {
          throw mismatch(v, type, childPath, "[]" + goType(f));
        }
        JsonArray arr = v.getAsJsonArray();
        for (int i = 0; i < arr.size(); i++) {
          if (arr.get(i).isJsonNull()) {
            continue;
          }
          b.addRepeatedField(f, decodeValue(f, b, arr.get(i), childPath + "[" + i + "]", unknown));
        }
      } else {
        b.setField(f, decodeValue(f, b, v, childPath, unknown));
      }
    }
  }

  private static Object decodeValue(FieldDescriptor f, Message.Builder parent, JsonElement v, String path,
      List<String> unknown) {
    Descriptor owner = f.getContainingType();
    switch (f.getJavaType()) {
      case MESSAGE: {
        String type = f.getMessageType().getFullName();
        if (type.equals(INT_OR_STRING)) {
          return intOrString(v, owner, path);
        }
        if (type.equals(TIMESTAMP)) {
          return parseTime(v, owner, path);
        }
        if (type.equals(FIELDS_V1)) {
          if (!v.isJsonObject()) {
            throw mismatch(v, owner, path, "v1.FieldsV1");
          }
          return FieldsV1.newBuilder().setRaw(v.toString()).build();
        }
        if (!v.isJsonObject()) {
          throw mismatch(v, owner, path, f.getMessageType().getName());
        }
        Message.Builder child = parent.newBuilderForField(f);
        decodeInto(v.getAsJsonObject(), child, path, unknown);
        return child.build();
      }
      case STRING:
        if (!v.isJsonPrimitive()) {
          throw mismatch(v, owner, path, "string");
        }
        return v.getAsString();  // numbers and booleans in a string field are taken as their text
      case BOOLEAN:
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isBoolean()) {
          throw mismatch(v, owner, path, "bool");
        }
        return v.getAsBoolean();
      case INT:
        return (int) integer(v, owner, path, "int32", Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LONG:
        return integer(v, owner, path, "int64", Long.MIN_VALUE, Long.MAX_VALUE);
      case FLOAT:
      case DOUBLE:
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
          throw mismatch(v, owner, path, "float64");
        }
        return f.getJavaType() == FieldDescriptor.JavaType.FLOAT ? (Object) v.getAsFloat() : (Object) v.getAsDouble();
      case ENUM: {
        EnumValueDescriptor e = v.isJsonPrimitive() ? f.getEnumType().findValueByName(v.getAsString()) : null;
        if (e == null) {
          throw mismatch(v, owner, path, f.getEnumType().getName());
        }
        return e;
      }
      case BYTE_STRING:
        try {
          return ByteString.copyFrom(Base64.getDecoder().decode(v.getAsString()));
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
          throw mismatch(v, owner, path, "[]byte");
        }
      default:
        throw new IllegalStateException("unhandled field type " + f.getJavaType());
    }
  }

  private static long integer(JsonElement v, Descriptor owner, String path, String goType, long min, long max) {
    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isNumber()) {
      throw mismatch(v, owner, path, goType);
    }
    BigDecimal d = v.getAsBigDecimal();
    try {
      long l = d.longValueExact();
      if (l < min || l > max) {
        throw new ArithmeticException();
      }
      return l;
    } catch (ArithmeticException e) {
      throw new KubeJsonException("json: cannot unmarshal number " + d.toPlainString() + " into Go struct field "
          + owner.getName() + "." + path + " of type " + goType);
    }
  }

  private static IntOrString intOrString(JsonElement v, Descriptor owner, String path) {
    if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
      return IntOrString.newBuilder().setNumber((int) integer(v, owner, path, "int32", Integer.MIN_VALUE,
          Integer.MAX_VALUE)).build();
    }
    if (v.isJsonPrimitive() && v.getAsJsonPrimitive().isString()) {
      return IntOrString.newBuilder().setName(v.getAsString()).build();
    }
    throw mismatch(v, owner, path, "intstr.IntOrString");
  }

  private static Timestamp parseTime(JsonElement v, Descriptor owner, String path) {
    if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
      throw mismatch(v, owner, path, "v1.Time");
    }
    try {
      Instant i = OffsetDateTime.parse(v.getAsString()).toInstant();
      return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    } catch (DateTimeParseException e) {
      throw new KubeJsonException("parsing time \"" + v.getAsString() + "\" as \"2006-01-02T15:04:05Z07:00\": "
          + "cannot parse as RFC 3339");
    }
  }

  /** The field a Kubernetes JSON name refers to; the proto name is accepted too, as manifests written for svclab used it. */
  private static FieldDescriptor field(Descriptor type, String name) {
    for (FieldDescriptor f : type.getFields()) {
      if (f.getJsonName().equals(name) || f.getName().equals(name)) {
        return f;
      }
    }
    return null;
  }

  private static KubeJsonException mismatch(JsonElement v, Descriptor owner, String path, String goType) {
    return new KubeJsonException("json: cannot unmarshal " + jsonType(v) + " into Go struct field "
        + owner.getName() + "." + path + " of type " + goType);
  }

  private static String jsonType(JsonElement v) {
    if (v.isJsonObject()) {
      return "object";
    }
    if (v.isJsonArray()) {
      return "array";
    }
    if (v == JsonNull.INSTANCE || v.isJsonNull()) {
      return "null";
    }
    JsonPrimitive p = v.getAsJsonPrimitive();
    return p.isBoolean() ? "bool" : p.isNumber() ? "number" : "string";
  }

  private static String goType(FieldDescriptor f) {
    return switch (f.getJavaType()) {
      case STRING -> "string";
      case INT -> "int32";
      case LONG -> "int64";
      case BOOLEAN -> "bool";
      case MESSAGE -> f.getMessageType().getName();
      default -> f.getJavaType().name().toLowerCase();
    };
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
