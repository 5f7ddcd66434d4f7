package io.svclab.cli.grpcurl;

/**
 * The two pieces of Go's encoding/json that shape grpcurl's output: {@code json.Marshal} of a
 * string (HTML-safe escapes {@code \u003c}, {@code \u003e}, {@code \u0026}, and {@code \u2028},
 * {@code \u2029}) and {@code json.Indent(dst, src, "", "  ")}, which grpcurl's JSON formatter
 * applies to jsonpb's compact output (format.go {@code NewJSONFormatter}).
 */
final class GoJson {
  private static final String HEX = "0123456789abcdef";

  private GoJson() {}

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> b.append("\\u").append(hex4(c));
        default -> {
          if (c < 0x20) {
            b.append("\\u").append(hex4(c));
          } else if (Character.isSurrogate(c) && !validSurrogatePair(s, i)) {
            b.append("\\ufffd");
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static boolean validSurrogatePair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static String hex4(char c) {
    return "" + HEX.charAt(c >> 12 & 0xf) + HEX.charAt(c >> 8 & 0xf) + HEX.charAt(c >> 4 & 0xf) + HEX.charAt(c & 0xf);
  }

  /**
   * json.Indent with prefix "" and indent "  " over valid compact JSON: a newline and indentation
   * after {@code [}, {@code {} and {@code ,}, {@code ": "} after a key, and empty {@code {}} and
   * {@code []} kept on one line.
   */
  static String indent(String compact) {
    StringBuilder out = new StringBuilder(compact.length() * 2);
    int depth = 0;
    boolean needIndent = false;
    boolean inString = false;
    for (int i = 0; i < compact.length(); i++) {
      char c = compact.charAt(i);
      if (inString) {
        out.append(c);
        if (c == '\\') {
          out.append(compact.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        continue;
      }
      if (needIndent && c != ']' && c != '}') {
        needIndent = false;
        depth++;
        newline(out, depth);
      }
      switch (c) {
        case '"' -> {
          inString = true;
          out.append(c);
        }
        case '{', '[' -> {
          needIndent = true;
          out.append(c);
        }
        case ',' -> {
          out.append(c);
          newline(out, depth);
        }
        case ':' -> out.append(": ");
        case '}', ']' -> {
          if (needIndent) {
            needIndent = false;  // empty object or array stays "{}" or "[]"
          } else {
            depth--;
            newline(out, depth);
          }
          out.append(c);
        }
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void newline(StringBuilder out, int depth) {
    out.append('\n').append("  ".repeat(depth));
  }
}
