package io.svclab.cli.grpcurl;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A message as grpcurl's JSON formatter writes it, compact (format.go {@code NewJSONFormatter}
 * indents it afterwards with {@link GoJson#indent}). grpcurl's responses are jhump/protoreflect
 * dynamic messages, so the rules are dynamic/json.go's {@code marshalJSON}: fields in field-number
 * order; without -emit-defaults only fields that are set (proto3 scalars: not zero, repeated and
 * maps: not empty); with it every field but unset oneof members, an unset message as {@code null};
 * 64-bit integers as strings; map keys sorted; strings escaped as Go's json.Marshal does.
 * Well-known types and {@code google.protobuf.Any} follow golang/protobuf's jsonpb. An Any holding
 * a resolved message is that message's JSON re-marshalled through a Go map (jsonpb
 * {@code marshalMessage} with a type URL), which sorts its keys: {@code "@type"} first, then the
 * fields by name; an unresolved one is grpcurl's {@code unknownAny} (format.go).
 */
final class ProtoJson {
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

  private final boolean emitDefaults;
  private final Function<String, Descriptor> resolver;

  /** @param resolver message descriptor by full name, for Any values; null when unknown */
  ProtoJson(boolean emitDefaults, Function<String, Descriptor> resolver) {
    this.emitDefaults = emitDefaults;
    this.resolver = resolver;
  }

  String compact(Message m) {
    StringBuilder b = new StringBuilder();
    message(m, b);
    return b.toString();
  }

  /** A google.protobuf.Any as grpcurl prints it (a status detail, or an Any field). */
  String any(String typeUrl, ByteString value) {
    String name = typeUrl.substring(typeUrl.lastIndexOf('/') + 1);
    Descriptor type = resolver.apply(name);
    if (type == null) {
      return "{\"@error\":" + GoJson.quote(name + " is not recognized; see @value for raw binary message data")
          + ",\"@type\":" + GoJson.quote(typeUrl) + ",\"@value\":"
          + GoJson.quote(Base64.getEncoder().encodeToString(value.toByteArray())) + "}";
    }
    DynamicMessage m;
    try {
      m = DynamicMessage.parseFrom(type, value);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    StringBuilder b = new StringBuilder();
    if (wellKnown(type.getFullName()) != null) {
      b.append("{\"@type\":").append(GoJson.quote(typeUrl)).append(",\"value\":");
      message(m, b);
      return b.append('}').toString();
    }
    List<String[]> members = new ArrayList<>(members(m));
    members.add(new String[] {"@type", GoJson.quote(typeUrl)});
    members.sort(Comparator.comparing(e -> e[0]));
    b.append('{');
    for (int i = 0; i < members.size(); i++) {
      b.append(i > 0 ? "," : "").append(GoJson.quote(members.get(i)[0])).append(':').append(members.get(i)[1]);
    }
    return b.append('}').toString();
  }

  private void message(Message m, StringBuilder b) {
    String wkt = wellKnown(m.getDescriptorForType().getFullName());
    if (wkt != null) {
      wellKnownValue(wkt, m, b);
      return;
    }
    b.append('{');
    List<String[]> members = members(m);
    for (int i = 0; i < members.size(); i++) {
      b.append(i > 0 ? "," : "").append(GoJson.quote(members.get(i)[0])).append(':').append(members.get(i)[1]);
    }
    b.append('}');
  }

  private List<String[]> members(Message m) {
    List<String[]> out = new ArrayList<>();
    List<FieldDescriptor> fields = new ArrayList<>(m.getDescriptorForType().getFields());
    fields.sort(Comparator.comparingInt(FieldDescriptor::getNumber));
    for (FieldDescriptor f : fields) {
      boolean set = isSet(m, f);
      if (!set && (!emitDefaults || f.getContainingOneof() != null)) {
        continue;
      }
      StringBuilder v = new StringBuilder();
      if (!set && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isRepeated()) {
        v.append("null");
      } else {
        fieldValue(m, f, v);
      }
      out.add(new String[] {jsonName(f), v.toString()});
    }
    return out;
  }

  static String jsonName(FieldDescriptor f) {
    return f.toProto().hasJsonName() ? f.toProto().getJsonName() : ProtoSource.defaultJsonName(f.getName());
  }

  private static boolean isSet(Message m, FieldDescriptor f) {
    if (f.isRepeated()) {
      return m.getRepeatedFieldCount(f) > 0;
    }
    if (f.hasPresence()) {
      return m.hasField(f);
    }
    return !m.getField(f).equals(f.getDefaultValue());
  }

  private void fieldValue(Message m, FieldDescriptor f, StringBuilder b) {
    if (f.isMapField()) {
      FieldDescriptor key = f.getMessageType().findFieldByNumber(1);
      FieldDescriptor val = f.getMessageType().findFieldByNumber(2);
      List<Message> entries = new ArrayList<>();
      for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
        entries.add((Message) m.getRepeatedField(f, i));
      }
      entries.sort((x, y) -> compareKeys(x.getField(key), y.getField(key)));
      b.append('{');
      for (int i = 0; i < entries.size(); i++) {
        b.append(i > 0 ? "," : "").append(GoJson.quote(String.valueOf(entries.get(i).getField(key)))).append(':');
        value(val, entries.get(i).getField(val), b);
      }
      b.append('}');
    } else if (f.isRepeated()) {
      b.append('[');
      for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
        b.append(i > 0 ? "," : "");
        value(f, m.getRepeatedField(f, i), b);
      }
      b.append(']');
    } else {
      value(f, m.getField(f), b);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(Object x, Object y) {
    return ((Comparable) x).compareTo(y);
  }

  private void value(FieldDescriptor f, Object v, StringBuilder b) {
    switch (f.getType()) {
      case INT64, SINT64, SFIXED64 -> b.append('"').append(v).append('"');
      case UINT64, FIXED64 -> b.append('"').append(Long.toUnsignedString((Long) v)).append('"');
      case UINT32, FIXED32 -> b.append(Integer.toUnsignedString((Integer) v));
      case INT32, SINT32, SFIXED32, BOOL -> b.append(v);
      case FLOAT -> b.append(goFloat(((Float) v).doubleValue(), Float.toString((Float) v)));
      case DOUBLE -> b.append(goFloat((Double) v, Double.toString((Double) v)));
      case STRING -> b.append(GoJson.quote((String) v));
      case BYTES -> b.append('"').append(Base64.getEncoder().encodeToString(((ByteString) v).toByteArray())).append('"');
      case ENUM -> {
        EnumValueDescriptor e = (EnumValueDescriptor) v;
        b.append(e.getIndex() < 0 ? String.valueOf(e.getNumber()) : GoJson.quote(e.getName()));
      }
      case MESSAGE, GROUP -> message((Message) v, b);
    }
  }

  /** strconv.FormatFloat(f, 'g', -1, bits): shortest digits, exponent form below 1e-4 or from 1e6 (Go's shortest 'g'). */
  static String goFloat(double d, String javaShortest) {
    if (Double.isNaN(d)) {
      return "\"NaN\"";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    }
    if (d == 0) {
      return (1 / d < 0) ? "-0" : "0";
    }
    BigDecimal bd = new BigDecimal(javaShortest).stripTrailingZeros();
    int exp = bd.precision() - bd.scale() - 1;
    if (exp < -4 || exp >= 6) {
      String digits = bd.unscaledValue().abs().toString();
      String mant = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
      return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
    }
    return bd.toPlainString();
  }

  private static String wellKnown(String fullName) {
    return switch (fullName) {
      case "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.Empty",
          "google.protobuf.Any", "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue",
          "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value",
          "google.protobuf.UInt64Value", "google.protobuf.Int32Value", "google.protobuf.UInt32Value",
          "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue" -> fullName;
      default -> null;
    };
  }

  private void wellKnownValue(String name, Message m, StringBuilder b) {
    Descriptor d = m.getDescriptorForType();
    switch (name) {
      case "google.protobuf.Timestamp" -> {
        long s = (Long) m.getField(d.findFieldByName("seconds"));
        int n = (Integer) m.getField(d.findFieldByName("nanos"));
        b.append('"').append(trimNanos(TIMESTAMP.format(Instant.ofEpochSecond(s, n)))).append("Z\"");
      }
      case "google.protobuf.Duration" -> {
        long s = (Long) m.getField(d.findFieldByName("seconds"));
        int n = (Integer) m.getField(d.findFieldByName("nanos"));
        String sign = s < 0 || n < 0 ? "-" : "";
        b.append('"').append(trimNanos(sign + Math.abs(s) + "." + String.format("%09d", Math.abs(n)))).append("s\"");
      }
      case "google.protobuf.Empty" -> b.append("{}");
      case "google.protobuf.Any" -> b.append(any((String) m.getField(d.findFieldByName("type_url")),
          (ByteString) m.getField(d.findFieldByName("value"))));
      case "google.protobuf.Struct" -> {
        FieldDescriptor fields = d.findFieldByName("fields");
        List<Message> entries = new ArrayList<>();
        for (int i = 0; i < m.getRepeatedFieldCount(fields); i++) {
          entries.add((Message) m.getRepeatedField(fields, i));
        }
        entries.sort(Comparator.comparing(e -> (String) e.getField(e.getDescriptorForType().findFieldByNumber(1))));
        b.append('{');
        for (int i = 0; i < entries.size(); i++) {
          Message e = entries.get(i);
          b.append(i > 0 ? "," : "").append(GoJson.quote((String) e.getField(e.getDescriptorForType().findFieldByNumber(1))))
              .append(':');
          message((Message) e.getField(e.getDescriptorForType().findFieldByNumber(2)), b);
        }
        b.append('}');
      }
      case "google.protobuf.ListValue" -> {
        FieldDescriptor values = d.findFieldByName("values");
        b.append('[');
        for (int i = 0; i < m.getRepeatedFieldCount(values); i++) {
          b.append(i > 0 ? "," : "");
          message((Message) m.getRepeatedField(values, i), b);
        }
        b.append(']');
      }
      case "google.protobuf.Value" -> {
        FieldDescriptor kind = m.getOneofFieldDescriptor(d.getOneofs().get(0));
        if (kind == null || kind.getName().equals("null_value")) {
          b.append("null");
        } else {
          value(kind, m.getField(kind), b);
        }
      }
      default -> value(d.findFieldByName("value"), m.getField(d.findFieldByName("value")), b);  // wrappers
    }
  }

  /** jsonpb: 0, 3, 6 or 9 fractional digits. */
  private static String trimNanos(String x) {
    for (int i = 0; i < 2 && x.endsWith("000"); i++) {
      x = x.substring(0, x.length() - 3);
    }
    return x.endsWith(".000") ? x.substring(0, x.length() - 4) : x;
  }
}
