package io.svclab.node.shell;

import java.time.ZonedDateTime;
import java.util.List;

/** The text formats of the built-in commands: {@code echo -e} escapes, {@code printf}, {@code date +FORMAT}. */
final class ShellFormats {
  private ShellFormats() {}

  static String unescape(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char d = s.charAt(++i);
        switch (d) {
          case 'n' -> b.append('\n');
          case 't' -> b.append('\t');
          case '\\' -> b.append('\\');
          case 'c' -> { return b.toString(); }
          default -> b.append('\\').append(d);
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  static String printf(String format, List<String> args) {
    StringBuilder b = new StringBuilder();
    int a = 0;
    do {
      for (int i = 0; i < format.length(); i++) {
        char c = format.charAt(i);
        if (c == '%' && i + 1 < format.length()) {
          char d = format.charAt(++i);
          if (d == '%') {
            b.append('%');
          } else {
            String v = a < args.size() ? args.get(a++) : "";
            b.append(d == 'd' && v.isEmpty() ? "0" : v);
          }
        } else if (c == '\\' && i + 1 < format.length()) {
          char d = format.charAt(++i);
          b.append(d == 'n' ? "\n" : d == 't' ? "\t" : d == '\\' ? "\\" : "\\" + d);
        } else {
          b.append(c);
        }
      }
    } while (a > 0 && a < args.size());
    return b.toString();
  }

  static String strftime(String f, ZonedDateTime t) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c == '%' && i + 1 < f.length()) {
        char d = f.charAt(++i);
        b.append(switch (d) {
          case 'Y' -> String.format("%04d", t.getYear());
          case 'm' -> String.format("%02d", t.getMonthValue());
          case 'd' -> String.format("%02d", t.getDayOfMonth());
          case 'H' -> String.format("%02d", t.getHour());
          case 'M' -> String.format("%02d", t.getMinute());
          case 'S' -> String.format("%02d", t.getSecond());
          case 's' -> Long.toString(t.toEpochSecond());
          case 'T' -> String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
          case 'F' -> String.format("%04d-%02d-%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth());
          default -> "%" + d;
        });
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
