package io.svclab.apiserver.rest.kubeproto;

import io.svclab.client.flags.GoDuration;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A Kubernetes protobuf message as the JSON Kubernetes serializes for the same object. The
 * {@code generated.proto} field names are the Go JSON tags, so most fields carry over by name;
 * the types whose JSON is not their message shape are converted by the table below, as their Go
 * {@code MarshalJSON} methods do.
 */
public final class KubeProtoJson {
  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final DateTimeFormatter MICRO_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX").withZone(ZoneOffset.UTC);

  /** Messages whose JSON is a scalar or raw JSON; empty when the value is Go's zero (omitted). */
  private static final Map<String, Function<Message, Optional<JsonElement>>> SPECIAL = Map.of(
      "k8s.io.apimachinery.pkg.util.intstr.IntOrString", KubeProtoJson::intOrString,
      "k8s.io.apimachinery.pkg.api.resource.Quantity", m -> Optional.of(new JsonPrimitive(str(m, "string"))),
      "k8s.io.apimachinery.pkg.api.resource.QuantityValue", m -> Optional.of(new JsonPrimitive(str(m, "string"))),
      META + "Time", m -> time(m, Instant::toString),
      META + "MicroTime", m -> time(m, MICRO_TIME::format),
      META + "Duration", m -> Optional.of(new JsonPrimitive(GoDuration.format(java.time.Duration.ofNanos((Long) field(m, "duration"))))),
      "k8s.io.apimachinery.pkg.runtime.RawExtension", m -> rawJson((ByteString) field(m, "raw")),
      META + "FieldsV1", m -> rawJson((ByteString) field(m, "Raw")));

  private KubeProtoJson() {}

  /** The JSON of {@code raw} parsed as {@code type}, with {@code apiVersion} and {@code kind} first. */
  public static JsonObject object(String apiVersion, String kind, Descriptor type, ByteString raw)
      throws InvalidProtocolBufferException {
    JsonObject json = new JsonObject();
    json.addProperty("apiVersion", apiVersion);
    json.addProperty("kind", kind);
    message(DynamicMessage.parseFrom(type, raw)).getAsJsonObject().entrySet()
        .forEach(e -> json.add(e.getKey(), e.getValue()));
    return json;
  }

  static JsonElement message(Message m) {
    Function<Message, Optional<JsonElement>> special = SPECIAL.get(m.getDescriptorForType().getFullName());
    if (special != null) {
      return special.apply(m).orElse(JsonNull.INSTANCE);
    }
    JsonObject json = new JsonObject();
    // proto2: a field is on the wire exactly when Go marshals it; getAllFields lists only those
    m.getAllFields().forEach((f, v) -> {
      JsonElement value = f.isMapField() ? map(f, (List<?>) v) : f.isRepeated() ? list(f, (List<?>) v) : single(f, v);
      if (!value.isJsonNull()) {
        json.add(f.getName(), value);
      }
    });
    return json;
  }

  private static JsonElement list(FieldDescriptor f, List<?> values) {
    JsonArray array = new JsonArray();
    values.forEach(v -> array.add(single(f, v)));
    return array;
  }

  private static JsonElement map(FieldDescriptor f, List<?> entries) {
    JsonObject json = new JsonObject();
    for (Object e : entries) {
      Message entry = (Message) e;
      Descriptor d = entry.getDescriptorForType();
      json.add(String.valueOf(entry.getField(d.findFieldByName("key"))),
          single(d.findFieldByName("value"), entry.getField(d.findFieldByName("value"))));
    }
    return json;
  }

  private static JsonElement single(FieldDescriptor f, Object v) {
    return switch (f.getJavaType()) {
      case MESSAGE -> message((Message) v);
      case STRING -> new JsonPrimitive((String) v);
      case BOOLEAN -> new JsonPrimitive((Boolean) v);
      case INT, LONG, FLOAT, DOUBLE -> new JsonPrimitive((Number) v);
      // Go's encoding/json writes []byte as standard base64 (Secret data)
      case BYTE_STRING -> new JsonPrimitive(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray()));
      case ENUM -> new JsonPrimitive(v.toString());
    };
  }

  private static Optional<JsonElement> intOrString(Message m) {
    // intstr.Type: 0 = Int, 1 = String
    return Optional.of((Long) field(m, "type") == 1L ? new JsonPrimitive(str(m, "strVal"))
        : new JsonPrimitive((Integer) field(m, "intVal")));
  }

  private static Optional<JsonElement> time(Message m, Function<Instant, String> format) {
    // metav1.Time marshals Go's zero time as an empty message; its JSON is null (omitted here)
    if (m.getAllFields().isEmpty()) {
      return Optional.empty();
    }
    long seconds = (Long) field(m, "seconds");
    int nanos = (Integer) field(m, "nanos");
    return Optional.of(new JsonPrimitive(format.apply(Instant.ofEpochSecond(seconds, nanos))));
  }

  private static Optional<JsonElement> rawJson(ByteString raw) {
    return raw.isEmpty() ? Optional.empty() : Optional.of(JsonParser.parseString(raw.toString(StandardCharsets.UTF_8)));
  }

  private static Object field(Message m, String name) {
    return m.getField(m.getDescriptorForType().findFieldByName(name));
  }

  private static String str(Message m, String name) {
    return (String) field(m, name);
  }
}
