package io.svclab.apiserver.validation;

/** Go's strconv.Quote, which is how %q renders a string in every Kubernetes error. */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    s.codePoints().forEach(c -> {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case 7 -> b.append("\\a");
        case '\b' -> b.append("\\b");
        case '\f' -> b.append("\\f");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case 11 -> b.append("\\v");
        default -> {
          if (printable(c)) {
            b.appendCodePoint(c);
          } else if (c < 0x80) {
            b.append(String.format("\\x%02x", c));
          } else if (c <= 0xFFFF) {
            b.append(String.format("\\u%04x", c));
          } else {
            b.append(String.format("\\U%08x", c));
          }
        }
      }
    });
    return b.append('"').toString();
  }

  private static boolean printable(int c) {
    if (c < 0x80) {
      return c >= 0x20 && c < 0x7F;
    }
    int t = Character.getType(c);
    return Character.isDefined(c) && !Character.isISOControl(c)
        && t != Character.FORMAT && t != Character.SURROGATE && t != Character.PRIVATE_USE
        && t != Character.LINE_SEPARATOR && t != Character.PARAGRAPH_SEPARATOR
        && (t != Character.SPACE_SEPARATOR || c == 0x20);
  }
}
