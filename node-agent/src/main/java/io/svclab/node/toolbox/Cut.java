package io.svclab.node.toolbox;

import java.util.ArrayList;
import java.util.List;

/** {@code cut -d D -f LIST} and {@code cut -c LIST} (lists like {@code 1,3}, {@code 2-}, {@code -2}). */
final class Cut implements Tool {
  @Override
  public int run(ToolCall c) {
    String delim = "\t";
    String fields = null;
    String chars = null;
    List<String> files = new ArrayList<>();
    List<String> a = c.args();
    for (int i = 0; i < a.size(); i++) {
      String s = a.get(i);
      if (s.startsWith("-d")) delim = s.length() > 2 ? s.substring(2) : i + 1 < a.size() ? a.get(++i) : delim;
      else if (s.startsWith("-f")) fields = s.length() > 2 ? s.substring(2) : i + 1 < a.size() ? a.get(++i) : null;
      else if (s.startsWith("-c") || s.startsWith("-b")) chars = s.length() > 2 ? s.substring(2) : i + 1 < a.size() ? a.get(++i) : null;
      else files.add(s);
    }
    if (fields == null && chars == null) {
      c.err().println("cut: you must specify a list of bytes, characters, or fields");
      return 1;
    }
    boolean[] failed = {false};
    for (String line : TextInput.lines(c, files, failed)) {
      if (chars != null) {
        StringBuilder b = new StringBuilder();
        for (int k = 1; k <= line.length(); k++) if (selected(chars, k)) b.append(line.charAt(k - 1));
        c.out().println(b);
      } else if (!line.contains(delim)) {
        c.out().println(line);
      } else {
        String[] parts = line.split(java.util.regex.Pattern.quote(delim.substring(0, 1)), -1);
        List<String> kept = new ArrayList<>();
        for (int k = 1; k <= parts.length; k++) if (selected(fields, k)) kept.add(parts[k - 1]);
        c.out().println(String.join(delim.substring(0, 1), kept));
      }
    }
    return failed[0] ? 1 : 0;
  }

  static boolean selected(String list, int k) {
    for (String r : list.split(",")) {
      if (r.contains("-")) {
        String[] ends = r.split("-", -1);
        int from = ends[0].isEmpty() ? 1 : Integer.parseInt(ends[0]);
        int to = ends[1].isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(ends[1]);
        if (k >= from && k <= to) return true;
      } else if (!r.isEmpty() && Integer.parseInt(r) == k) {
        return true;
      }
    }
    return false;
  }
}
