package io.svclab.cli.describe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Go's {@code text/tabwriter} as kubectl describe configures it (minwidth 0, padding 2, pad
 * with spaces): tab-terminated cells, aligned per column block of consecutive lines that have
 * that column; the text after a line's last tab is never padded. Ported so our describe output
 * lines up exactly where kubectl's does (a key column that widens for "External Traffic Policy:"
 * but not across the Events table).
 */
final class TabbedText {
  private static final int PADDING = 2;

  private TabbedText() {}

  static String format(String text) {
    List<List<String>> lines = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      lines.add(Arrays.asList(line.split("\t", -1)));
    }
    StringBuilder out = new StringBuilder();
    format(out, lines, 0, lines.size(), new ArrayList<>());
    // split(-1) leaves one empty line after the final newline: it printed nothing, drop its "\n"
    if (text.endsWith("\n") && out.length() > 0) {
      out.setLength(out.length() - 1);
    }
    return out.toString();
  }

  private static void format(StringBuilder out, List<List<String>> lines, int line0, int line1, List<Integer> widths) {
    int column = widths.size();
    for (int at = line0; at < line1; at++) {
      if (column >= lines.get(at).size() - 1) {
        continue;
      }
      writeLines(out, lines, line0, at, widths);
      line0 = at;
      int width = 0;
      for (; at < line1; at++) {
        List<String> line = lines.get(at);
        if (column >= line.size() - 1) {
          break;
        }
        width = Math.max(width, line.get(column).codePointCount(0, line.get(column).length()) + PADDING);
      }
      widths.add(width);
      format(out, lines, line0, at, widths);
      widths.remove(widths.size() - 1);
      line0 = at;
    }
    writeLines(out, lines, line0, line1, widths);
  }

  private static void writeLines(StringBuilder out, List<List<String>> lines, int line0, int line1, List<Integer> widths) {
    for (int i = line0; i < line1; i++) {
      List<String> line = lines.get(i);
      for (int j = 0; j < line.size(); j++) {
        String cell = line.get(j);
        out.append(cell);
        if (j < widths.size()) {
          out.append(" ".repeat(Math.max(0, widths.get(j) - cell.codePointCount(0, cell.length()))));
        }
      }
      out.append('\n');
    }
  }
}
