package io.svclab.cli.grpcurl;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Proto source for one descriptor, as grpcurl's {@code describe} prints it: jhump/protoreflect's
 * {@code protoprint.Printer} with grpcurl's settings (grpcurl.go {@code printer}: Compact,
 * SortElements, ForceFullyQualifiedNames, only doc comments). Reflection descriptors carry no
 * comments, so none are printed. Compact: no blank lines; sorted: fields and oneofs by number,
 * then nested messages and enums by name, methods by name, enum values by number then name;
 * references fully qualified with a leading dot; {@code json_name} only when it differs from the
 * default camel case. The result has no trailing newline (grpcurl.go {@code GetDescriptorText}).
 */
final class ProtoSource {
  private static final String INDENT = "  ";

  private ProtoSource() {}

  static String of(Object descriptor) {
    StringBuilder out = new StringBuilder();
    if (descriptor instanceof ServiceDescriptor s) {
      service(s, out);
    } else if (descriptor instanceof MethodDescriptor m) {
      method(m, 0, out);
    } else if (descriptor instanceof Descriptor d) {
      message(d, 0, out);
    } else if (descriptor instanceof EnumDescriptor e) {
      enumeration(e, 0, out);
    } else if (descriptor instanceof EnumValueDescriptor v) {
      enumValue(v, 0, out);
    } else if (descriptor instanceof FieldDescriptor f) {
      field(f, 0, out);
    } else if (descriptor instanceof OneofDescriptor o) {
      oneof(o, 0, out);
    } else {
      throw new IllegalArgumentException("cannot print " + descriptor);
    }
    return out.charAt(out.length() - 1) == '\n' ? out.substring(0, out.length() - 1) : out.toString();
  }

  private static void indent(int level, StringBuilder out) {
    out.append(INDENT.repeat(level));
  }

  private static void service(ServiceDescriptor s, StringBuilder out) {
    out.append("service ").append(s.getName()).append(" {\n");
    s.getMethods().stream().sorted(Comparator.comparing(MethodDescriptor::getName)).forEach(m -> method(m, 1, out));
    out.append("}\n");
  }

  private static void method(MethodDescriptor m, int level, StringBuilder out) {
    indent(level, out);
    out.append("rpc ").append(m.getName()).append(" ( ")
        .append(m.isClientStreaming() ? "stream " : "").append('.').append(m.getInputType().getFullName())
        .append(" ) returns ( ")
        .append(m.isServerStreaming() ? "stream " : "").append('.').append(m.getOutputType().getFullName())
        .append(" );\n");
  }

  private static void message(Descriptor d, int level, StringBuilder out) {
    indent(level, out);
    out.append("message ").append(d.getName()).append(" {\n");
    if (d.getOptions().getMapEntry()) {
      indent(level + 1, out);
      out.append("option map_entry = true;\n");
    }
    Set<OneofDescriptor> printed = new HashSet<>();
    List<FieldDescriptor> fields = new ArrayList<>(d.getFields());
    fields.sort(Comparator.comparingInt(FieldDescriptor::getNumber));
    Set<Descriptor> skipped = new HashSet<>();
    for (FieldDescriptor f : fields) {
      if (f.isMapField()) {
        skipped.add(f.getMessageType());
      }
      OneofDescriptor o = f.getRealContainingOneof();
      if (o == null) {
        field(f, level + 1, out);
      } else if (printed.add(o)) {
        oneof(o, level + 1, out);
      }
    }
    d.getNestedTypes().stream().filter(n -> !skipped.contains(n)).sorted(Comparator.comparing(Descriptor::getName))
        .forEach(n -> message(n, level + 1, out));
    d.getEnumTypes().stream().sorted(Comparator.comparing(EnumDescriptor::getName))
        .forEach(e -> enumeration(e, level + 1, out));
    d.toProto().getReservedRangeList().stream().sorted(Comparator.comparingInt(r -> r.getStart())).map(r ->
        r.getEnd() - 1 == r.getStart() ? String.valueOf(r.getStart()) : r.getStart() + " to " + (r.getEnd() - 1))
        .reduce((a, b) -> a + ", " + b).ifPresent(r -> {
          indent(level + 1, out);
          out.append("reserved ").append(r).append(";\n");
        });
    d.toProto().getReservedNameList().stream().sorted().map(n -> "\"" + n + "\"").reduce((a, b) -> a + ", " + b)
        .ifPresent(r -> {
          indent(level + 1, out);
          out.append("reserved ").append(r).append(";\n");
        });
    indent(level, out);
    out.append("}\n");
  }

  private static void oneof(OneofDescriptor o, int level, StringBuilder out) {
    indent(level, out);
    out.append("oneof ").append(o.getName()).append(" {\n");
    o.getFields().stream().sorted(Comparator.comparingInt(FieldDescriptor::getNumber)).forEach(f -> field(f, level + 1, out));
    indent(level, out);
    out.append("}\n");
  }

  private static void field(FieldDescriptor f, int level, StringBuilder out) {
    indent(level, out);
    FieldDescriptorProto p = f.toProto();
    boolean proto3 = "proto3".equals(f.getFile().toProto().getSyntax());
    boolean proto3Optional = p.getProto3Optional();
    if (proto3Optional || (!f.isMapField() && f.getContainingOneof() == null
        && (p.getLabel() != FieldDescriptorProto.Label.LABEL_OPTIONAL || !proto3))) {
      out.append(switch (p.getLabel()) {
        case LABEL_REPEATED -> "repeated ";
        case LABEL_REQUIRED -> "required ";
        default -> "optional ";
      });
    }
    out.append(type(f)).append(' ').append(f.getName()).append(" = ").append(f.getNumber());
    List<String> options = new ArrayList<>();
    if (p.hasJsonName() && !p.getJsonName().equals(defaultJsonName(f.getName()))) {
      options.add("json_name = " + quoted(p.getJsonName()));
    }
    if (f.getOptions().hasDeprecated()) {
      options.add("deprecated = " + f.getOptions().getDeprecated());
    }
    if (f.getOptions().hasPacked()) {
      options.add("packed = " + f.getOptions().getPacked());
    }
    options.sort(null);
    if (!options.isEmpty()) {
      out.append(" [").append(String.join(", ", options)).append(']');
    }
    out.append(";\n");
  }

  private static String type(FieldDescriptor f) {
    if (f.isMapField()) {
      Descriptor entry = f.getMessageType();
      return "map<" + type(entry.findFieldByNumber(1)) + ", " + type(entry.findFieldByNumber(2)) + ">";
    }
    return switch (f.getType()) {
      case MESSAGE -> "." + f.getMessageType().getFullName();
      case GROUP -> f.getMessageType().getName();
      case ENUM -> "." + f.getEnumType().getFullName();
      default -> f.getType().name().toLowerCase();
    };
  }

  private static void enumeration(EnumDescriptor e, int level, StringBuilder out) {
    indent(level, out);
    out.append("enum ").append(e.getName()).append(" {\n");
    if (e.getOptions().hasAllowAlias()) {
      indent(level + 1, out);
      out.append("option allow_alias = ").append(e.getOptions().getAllowAlias()).append(";\n");
    }
    e.getValues().stream().sorted(Comparator.comparingInt(EnumValueDescriptor::getNumber)
        .thenComparing(EnumValueDescriptor::getName)).forEach(v -> enumValue(v, level + 1, out));
    indent(level, out);
    out.append("}\n");
  }

  private static void enumValue(EnumValueDescriptor v, int level, StringBuilder out) {
    indent(level, out);
    out.append(v.getName()).append(" = ").append(v.getNumber()).append(";\n");
  }

  /** protoc's default JSON name: underscores dropped, the letter after one upper-cased. */
  static String defaultJsonName(String name) {
    StringBuilder b = new StringBuilder();
    boolean upper = false;
    for (char c : name.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        b.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return b.toString();
  }

  /** protoprint's quotedString: C-style escapes for quote, backslash, \n, \r, \t. */
  private static String quoted(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
