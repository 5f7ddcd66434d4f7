package io.svclab.cli.grpcurl;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import com.google.protobuf.util.JsonFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The request messages in -d (or stdin), as grpcurl's request parsers read them (format.go):
 * JSON values one after another (an empty body is no message at all: grpcurl then sends an empty
 * request), or text-format messages separated by the record separator 0x1E (an empty body is one
 * empty message).
 */
final class RequestData {
  private static final char RECORD_SEPARATOR = '\u001e';

  private RequestData() {}

  static List<DynamicMessage> parse(String body, String format, Descriptor type, boolean allowUnknownFields) {
    List<DynamicMessage> messages = new ArrayList<>();
    if (format.equals("text")) {
      for (String part : body.split(String.valueOf(RECORD_SEPARATOR), -1)) {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
        try {
          TextFormat.merge(part, b);
        } catch (TextFormat.ParseException e) {
          throw new IllegalArgumentException(e.getMessage(), e);
        }
        messages.add(b.build());
      }
      return messages;
    }
    JsonFormat.Parser parser = allowUnknownFields ? JsonFormat.parser().ignoringUnknownFields() : JsonFormat.parser();
    for (String value : jsonValues(body)) {
      DynamicMessage.Builder b = DynamicMessage.newBuilder(type);
      try {
        parser.merge(value, b);
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
      messages.add(b.build());
    }
    return messages;
  }

  /** Splits concatenated JSON values (Go's json.Decoder reads them one after another). */
  static List<String> jsonValues(String s) {
    List<String> values = new ArrayList<>();
    int i = 0;
    while (true) {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= s.length()) {
        return values;
      }
      int start = i;
      char first = s.charAt(i);
      if (first == '{' || first == '[' || first == '"') {
        int depth = 0;
        boolean inString = false;
        do {
          char c = s.charAt(i++);
          if (inString) {
            if (c == '\\') {
              i++;
            } else if (c == '"') {
              inString = false;
            }
          } else if (c == '"') {
            inString = true;
          } else if (c == '{' || c == '[') {
            depth++;
          } else if (c == '}' || c == ']') {
            depth--;
          }
        } while (i < s.length() && (depth > 0 || inString));
      } else {
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "{[\"".indexOf(s.charAt(i)) < 0) {
          i++;
        }
      }
      values.add(s.substring(start, Math.min(i, s.length())));
    }
  }
}
